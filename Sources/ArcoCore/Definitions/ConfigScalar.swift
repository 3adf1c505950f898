/// A YAML scalar kept as the text the operator wrote.
///
/// Scalars are never converted to booleans, numbers or dates here: `NO`, `on` and `2024-01-01`
/// stay strings, and the decoder decides what each key means. The style records whether the text
/// was quoted, so that `partition: latest` (a keyword) and `partition: "latest"` (a key) differ.
public struct ConfigScalar: Sendable, Hashable {
    /// How the scalar was written.
    public enum Style: Sendable, Hashable {
        /// Unquoted.
        case plain
        /// `'…'`.
        case singleQuoted
        /// `"…"`.
        case doubleQuoted
        /// A `|` block.
        case literal
        /// A `>` block.
        case folded
    }

    /// The scalar's text after YAML unescaping.
    public var value: String
    /// How it was written.
    public var style: Style
    /// An explicit tag such as `tag:yaml.org,2002:str` (from `!!str`), or nil when untagged.
    public var tag: String?
    /// Where the scalar starts.
    public var location: SourceLocation

    /// Creates a scalar.
    public init(
        _ value: String, style: Style = .plain, tag: String? = nil, location: SourceLocation
    ) {
        self.value = value
        self.style = style
        self.tag = tag
        self.location = location
    }

    /// Whether the text was written bare, with no quotes and no tag; only such text may be read
    /// as a keyword, a number or a boolean.
    public var isPlain: Bool { style == .plain && tag == nil }

    /// Whether the scalar is YAML's null (`~`, `null`, or nothing at all after the colon).
    public var isNull: Bool {
        if let tag { return tag == "tag:yaml.org,2002:null" }
        return style == .plain && ["", "~", "null", "Null", "NULL"].contains(value)
    }
}
