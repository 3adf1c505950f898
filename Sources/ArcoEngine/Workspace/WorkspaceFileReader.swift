import ArcoCore
import Yams

/// Reads `arco.yaml` text into ArcoCore's `ConfigNode` tree, and from there into definitions.
///
/// This is the only place that knows about Yams. Scalars keep their text and quoting, so YAML
/// 1.1 coercions (`NO` → false, `0777` → 511) never happen; ArcoCore's decoder decides what each
/// value means. A YAML syntax error becomes one diagnostic at its `file:line:column`.
public enum WorkspaceFileReader {
    /// Parses YAML text into a node tree.
    ///
    /// An empty document reads as an empty mapping. Merge keys (`<<: *defaults`) are applied;
    /// explicit keys win over merged ones.
    ///
    /// - Parameters:
    ///   - text: the file's contents.
    ///   - fileName: the name used in locations, e.g. `arco.yaml`.
    /// - Throws: `DefinitionErrors` for YAML syntax errors, several documents, or non-scalar keys.
    public static func parse(
        text: String, fileName: String
    ) throws(DefinitionErrors) -> ConfigNode {
        let root: Node?
        do {
            // The basic resolver has no rules: the default one compiles regular expressions, and
            // the first compile loads ICU's regex tables, a few milliseconds in every process
            // that reads the workspace (each backfill worker does).
            root = try Yams.compose(yaml: text, .basic)
        } catch {
            throw DefinitionErrors([YAMLErrorTranslation.diagnostic(for: error, text: text,
                fileName: fileName)])
        }
        guard let root else {
            return .mapping([], location: SourceLocation(file: fileName, line: 1, column: 1))
        }
        var converter = NodeConverter(fileName: fileName)
        let node = converter.convert(root)
        guard converter.diagnostics.isEmpty else { throw DefinitionErrors(converter.diagnostics) }
        return node
    }

    /// Decodes the file's bytes strictly, then parses, decodes and validates them.
    ///
    /// Invalid UTF-8 is refused at its line and column rather than replaced with U+FFFD,
    /// which would make two different keys or commands read the same.
    /// - Throws: `DefinitionErrors` listing every problem found, sorted by location.
    public static func load(
        data: some Collection<UInt8>, fileName: String
    ) throws(DefinitionErrors) -> WorkspaceDefinitions {
        guard let text = StrictUTF8.decode(data) else {
            let position = StrictUTF8.firstInvalid(in: data)
            throw DefinitionErrors([DefinitionDiagnostic(
                location: position.map {
                    SourceLocation(file: fileName, line: $0.line, column: $0.column)
                },
                message: "\(fileName) is not valid UTF-8"
                    + (position.map { " (byte \($0.offset))" } ?? ""),
                hint: "save the file as UTF-8; find the bytes with `grep -naxv '.*' \(fileName)`")])
        }
        return try load(text: text, fileName: fileName)
    }

    /// Parses, decodes and validates a workspace file.
    ///
    /// - Throws: `DefinitionErrors` listing every problem found, sorted by location.
    public static func load(
        text: String, fileName: String
    ) throws(DefinitionErrors) -> WorkspaceDefinitions {
        try DefinitionsDecoder.decode(parse(text: text, fileName: fileName))
    }
}

/// Converts Yams nodes to `ConfigNode`s, collecting problems YAML allows but arco does not.
private struct NodeConverter {
    let fileName: String
    var diagnostics: [DefinitionDiagnostic] = []
    private var nodeCount = 0

    init(fileName: String) { self.fileName = fileName }

    mutating func convert(_ node: Node) -> ConfigNode {
        nodeCount += 1
        guard nodeCount <= Limits.workspaceNodesMax else {
            if nodeCount == Limits.workspaceNodesMax + 1 {
                diagnostics.append(DefinitionDiagnostic(location: location(node.mark),
                    message: "the document expands to more than \(Limits.workspaceNodesMax) nodes",
                    hint: "check for aliases that refer to each other many times over"))
            }
            return .scalar(ConfigScalar("", location: location(node.mark)))
        }
        switch node {
        case .scalar(let scalar):
            return .scalar(configScalar(scalar))
        case .sequence(let sequence):
            return .sequence(sequence.map { convert($0) }, location: location(sequence.mark))
        case .mapping(let mapping):
            return .mapping(entries(of: mapping), location: location(mapping.mark))
        case .alias(let alias):
            // The parser resolves aliases itself; a raw alias node means an unknown anchor.
            diagnostics.append(DefinitionDiagnostic(location: location(alias.mark),
                message: "unresolved YAML alias '*\(alias.anchor.rawValue)'"))
            return .scalar(ConfigScalar("", location: location(alias.mark)))
        }
    }

    private mutating func entries(of mapping: Node.Mapping) -> [ConfigMappingEntry] {
        var explicit: [ConfigMappingEntry] = []
        var merged: [ConfigMappingEntry] = []
        for (key, value) in mapping {
            guard case .scalar(let keyScalar) = key else {
                diagnostics.append(DefinitionDiagnostic(location: location(key.mark),
                    message: "mapping keys must be strings, found \(describe(key))",
                    hint: "arco.yaml keys are names such as 'assets' or 'raw_orders'"))
                continue
            }
            let configKey = configScalar(keyScalar, isKey: true)
            if configKey.isPlain, configKey.value == "<<" {
                merged += mergeEntries(value)
                continue
            }
            explicit.append(ConfigMappingEntry(key: configKey, value: convert(value)))
        }
        // YAML merge keys: explicit keys win, and among merged maps the first one wins.
        var seen = Set(explicit.map(\.key.value))
        return explicit + merged.filter { seen.insert($0.key.value).inserted }
    }

    private mutating func mergeEntries(_ value: Node) -> [ConfigMappingEntry] {
        switch value {
        case .mapping(let mapping):
            return entries(of: mapping)
        case .sequence(let sequence):
            return sequence.flatMap { mergeEntries($0) }
        default:
            diagnostics.append(DefinitionDiagnostic(location: location(value.mark),
                message: "the merge key '<<' needs a mapping or a list of mappings, "
                    + "found \(describe(value))"))
            return []
        }
    }

    private func configScalar(_ scalar: Node.Scalar, isKey: Bool = false) -> ConfigScalar {
        let style: ConfigScalar.Style
        switch scalar.style {
        case .singleQuoted: style = .singleQuoted
        case .doubleQuoted: style = .doubleQuoted
        case .literal: style = .literal
        case .folded: style = .folded
        case .any, .plain: style = .plain
        }
        return ConfigScalar(scalar.string, style: style,
            tag: explicitTag(scalar, style, isKey: isKey), location: location(scalar.mark))
    }

    /// The tag the author wrote, if any. Yams reports quoted scalars as `!!str`, and it resolves
    /// mapping keys in place while it checks for duplicates, which turns a plain key into `!!str`
    /// too; none of these was written. An explicit `!!str` on a key is therefore lost, which
    /// changes nothing for arco, whose keys are all names.
    private func explicitTag(
        _ scalar: Node.Scalar, _ style: ConfigScalar.Style, isKey: Bool
    ) -> String? {
        let tag = scalar.tag.rawValue
        if tag.isEmpty { return nil }
        if tag == Tag.Name.str.rawValue, style != .plain || isKey { return nil }
        return tag
    }

    private func location(_ mark: Mark?) -> SourceLocation {
        SourceLocation(file: fileName, line: mark?.line ?? 1, column: mark?.column ?? 1)
    }

    private func describe(_ node: Node) -> String {
        switch node {
        case .scalar: "a string"
        case .sequence: "a list"
        case .mapping: "a mapping"
        case .alias: "an alias"
        }
    }
}

/// Turns a Yams error into one operator-facing diagnostic.
private enum YAMLErrorTranslation {
    static func diagnostic(
        for error: any Error, text: String, fileName: String
    ) -> DefinitionDiagnostic {
        guard let yamlError = error as? YamlError else {
            return DefinitionDiagnostic(location: nil, message: "invalid YAML: \(error)")
        }
        switch yamlError {
        case .scanner(let context, let problem, let mark, _),
            .parser(let context, let problem, let mark, _),
            .composer(let context, let problem, let mark, _):
            return DefinitionDiagnostic(location: location(mark, fileName),
                message: "invalid YAML: \(problem)",
                hint: hint(problem: problem, context: context, mark: mark, text: text))
        case .reader(let problem, let offset, _, _):
            return DefinitionDiagnostic(location: location(offset: offset, text, fileName),
                message: "invalid YAML: \(problem)")
        case .duplicatedKeysInMapping(let duplicates, let context):
            let keys = duplicates.map { "'\($0)'" }.joined(separator: ", ")
            return DefinitionDiagnostic(location: location(context.mark, fileName),
                message: "duplicate key \(keys) in a mapping",
                hint: "each key may appear only once in a mapping")
        default:
            return DefinitionDiagnostic(location: nil, message: "invalid YAML: \(yamlError)")
        }
    }

    private static func location(_ mark: Mark, _ fileName: String) -> SourceLocation {
        SourceLocation(file: fileName, line: max(mark.line, 1), column: max(mark.column, 1))
    }

    /// libyaml reports reader errors as a byte offset; convert it to a line and column.
    private static func location(
        offset: Int?, _ text: String, _ fileName: String
    ) -> SourceLocation? {
        guard let offset else { return nil }
        var line = 1
        var column = 1
        for byte in text.utf8.prefix(offset) {
            if byte == UInt8(ascii: "\n") {
                line += 1
                column = 1
            } else if byte & 0xC0 != 0x80 {
                column += 1
            }
        }
        return SourceLocation(file: fileName, line: line, column: column)
    }

    private static func hint(problem: String, context: YamlError.Context?, mark: Mark, text: String) -> String? {
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        if mark.line >= 1, mark.line <= lines.count, lines[mark.line - 1].contains("\t") {
            return "indent with spaces; YAML does not allow tabs for indentation"
        }
        if let fix = YAMLLineFix.fixed(lines, line: mark.line, problem: problem, context: context) {
            return fix
        }
        guard let context else { return nil }
        let position = "line \(context.mark.line), column \(context.mark.column)"
        // libyaml says "while parsing a flow sequence"; point the operator at that construct.
        for prefix in ["while parsing ", "while scanning "] where context.text.hasPrefix(prefix) {
            var construct = context.text.dropFirst(prefix.count)
            for article in ["a ", "an "] where construct.hasPrefix(article) {
                construct = construct.dropFirst(article.count)
            }
            return "check the \(construct) that starts at \(position)"
        }
        return "\(context.text) at \(position)"
    }
}
