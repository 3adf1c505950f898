/// `*` wildcards over whole strings, as Dagster's `key:` and `group:` values use them: `*`
/// matches any run of characters (including `/`), everything else matches itself.
struct WildcardPattern: Sendable, Hashable {
    private let pattern: [Character]

    init(_ pattern: String) { self.pattern = Array(pattern) }

    /// Whether the pattern has no `*` and so names exactly one string.
    var isExact: Bool { !pattern.contains("*") }

    /// Greedy matching with one backtrack point (the last `*`), linear in practice.
    func matches(_ text: String) -> Bool {
        let characters = Array(text)
        var p = 0
        var t = 0
        var star: Int?
        var resume = 0
        while t < characters.count {
            if p < pattern.count, pattern[p] == "*" {
                star = p
                resume = t
                p += 1
            } else if p < pattern.count, pattern[p] == characters[t] {
                p += 1
                t += 1
            } else if let star {
                p = star + 1
                resume += 1
                t = resume
            } else {
                return false
            }
        }
        while p < pattern.count, pattern[p] == "*" { p += 1 }
        return p == pattern.count
    }
}
