/// What a value belongs to, as messages name it: `asset 'raw'`,
/// `'max' of 'retries' of asset 'raw'`.
struct DefinitionSubject: Sendable, CustomStringConvertible {
    /// The phrase used in messages.
    let description: String
    /// Whether this is the document's top level, which messages phrase differently.
    let isRoot: Bool

    /// The top level of `arco.yaml`.
    static let root = DefinitionSubject(description: "the top level", isRoot: true)

    /// A named definition, e.g. `named("asset", "raw")` is `asset 'raw'`.
    static func named(_ kind: String, _ name: String) -> DefinitionSubject {
        DefinitionSubject(description: "\(kind) '\(name)'", isRoot: false)
    }

    /// The value under `key`: `'key' of <self>`, or just `'key'` at the top level.
    func child(_ key: String) -> DefinitionSubject {
        let text = isRoot ? "'\(key)'" : "'\(key)' of \(description)"
        return DefinitionSubject(description: text, isRoot: false)
    }

    /// The phrase for an unknown key found in this mapping.
    func unknownKeyMessage(_ key: String) -> String {
        isRoot ? "unknown top-level key '\(key)'" : "unknown key '\(key)' in \(description)"
    }
}
