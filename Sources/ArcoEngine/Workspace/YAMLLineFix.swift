import Yams

/// The corrected line for the YAML mistakes people make most in `arco.yaml`, for the hint under
/// libyaml's message, which names the rule broken but not the fix:
/// - an unquoted value holding `: ` (`command: echo "ERROR: x"`) reads as a second mapping:
///   the fix quotes the value;
/// - a key indented deeper or shallower than its siblings (`did not find expected key`, or a
///   key under a scalar): the fix indents it like the mapping it belongs to.
enum YAMLLineFix {
    /// The hint with the fixed line, or nil when the line matches no known mistake.
    /// - Parameters:
    ///   - line: the 1-based line libyaml stopped at.
    ///   - problem: libyaml's problem text.
    ///   - context: what libyaml was parsing, and where it started.
    static func fixed(_ lines: [Substring], line: Int, problem: String, context: YamlError.Context?) -> String? {
        guard line >= 1, line <= lines.count else { return nil }
        let text = lines[line - 1]
        let indent = text.prefix { $0 == " " }
        let rest = text.dropFirst(indent.count)
        guard Entry(rest) != nil || rest.hasSuffix(":") else { return nil }
        if problem.hasPrefix("mapping values are not allowed") {
            if let entry = Entry(rest), entry.valueHasMappingIndicator {
                return "quote the value: `\(indent)\(entry.lead)\(entry.key): \(quoted(entry.value))`"
            }
            return underScalar(lines, line: line, indent: indent.count, rest: rest)
        }
        // A key off its siblings' column ends the block mapping libyaml was reading.
        guard problem == "did not find expected key", let context, context.text.hasSuffix("block mapping"),
            context.mark.line < line, context.mark.column >= 1, context.mark.column - 1 != indent.count
        else { return nil }
        let column = String(repeating: " ", count: context.mark.column - 1)
        return "indent it like the key on line \(context.mark.line): `\(column)\(rest)`"
    }

    /// A key indented under a key that already has a value (`command: x` then a deeper
    /// `deps:`) belongs beside it.
    private static func underScalar(_ lines: [Substring], line: Int, indent: Int, rest: Substring) -> String? {
        guard let above = (0..<(line - 1)).reversed().map({ lines[$0] }).first(where: { !$0.allSatisfy(\.isWhitespace) })
        else { return nil }
        let aboveIndent = above.prefix { $0 == " " }.count
        guard aboveIndent < indent, let sibling = Entry(above.dropFirst(aboveIndent)), !sibling.value.isEmpty
        else { return nil }
        return "indent it like '\(sibling.key)' on the line above: `\(String(repeating: " ", count: aboveIndent))\(rest)`"
    }

    /// `value` in single quotes, or in double quotes when it holds a single quote.
    static func quoted(_ value: Substring) -> String {
        guard value.contains("'") else { return "'\(value)'" }
        return "\"" + value.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"") + "\""
    }

    /// A `key: value` line (after its indentation), with a leading `- ` kept as `lead`.
    struct Entry {
        var lead: Substring
        var key: Substring
        var value: Substring

        init?(_ text: Substring) {
            lead = text.hasPrefix("- ") ? text.prefix(2) : ""
            let body = text.dropFirst(lead.count)
            guard let first = body.first, !"#'\"[{&*!|>%@`".contains(first),
                let colon = body.range(of: ": ") ?? (body.hasSuffix(":") ? body.index(before: body.endIndex)..<body.endIndex : nil)
            else { return nil }
            key = body[..<colon.lowerBound]
            guard !key.isEmpty, !key.contains(" #") else { return nil }
            value = body[colon.upperBound...].drop { $0 == " " }
        }

        /// Whether the plain value holds `: ` or ends in `:`, which YAML reads as a mapping.
        var valueHasMappingIndicator: Bool {
            guard let first = value.first, !"'\"[{|>#".contains(first) else { return false }
            return value.contains(": ") || value.hasSuffix(":")
        }
    }
}
