/// A count with its noun in the right number ("1 run", "2 runs") for lines people read, where
/// "run(s)" makes every sentence read like a form.
public enum Plural {
    /// `count` and `singular`, or `plural` (default: `singular` + "s") when `count` is not 1.
    public static func count(_ count: Int, _ singular: String, _ plural: String? = nil) -> String {
        "\(count) \(count == 1 ? singular : plural ?? singular + "s")"
    }
}
