import Foundation

/// Typed readers for scalar values. Each reports a problem and returns nil when the value does
/// not fit; none of them coerces YAML 1.1 spellings (`yes`, `on`, `0x1F`).
extension WorkspaceDecoding {
    /// A non-null scalar of any style.
    mutating func scalar(
        _ node: ConfigNode, _ subject: DefinitionSubject, expected: String = "a string"
    ) -> ConfigScalar? {
        guard let scalar = node.scalar else {
            reportType(node, subject, expected: expected)
            return nil
        }
        guard !scalar.isNull else {
            report("missing value for \(subject)", at: node.location)
            return nil
        }
        return scalar
    }

    /// A non-empty string of any style.
    mutating func string(_ node: ConfigNode, _ subject: DefinitionSubject) -> String? {
        guard let scalar = scalar(node, subject) else { return nil }
        guard !scalar.value.isEmpty else {
            report("\(subject) must not be empty", at: node.location)
            return nil
        }
        return scalar.value
    }

    /// A plain decimal integer, optionally within `range`.
    mutating func integer(
        _ node: ConfigNode, _ subject: DefinitionSubject, in range: ClosedRange<Int>? = nil
    ) -> Int? {
        let expected = range.map { "an integer from \($0.lowerBound) to \($0.upperBound)" }
            ?? "an integer"
        guard let scalar = scalar(node, subject, expected: expected) else { return nil }
        guard scalar.isPlain, let value = Self.decimalInteger(scalar.value) else {
            let hint = scalar.isPlain ? nil : "write the number without quotes"
            reportType(node, subject, expected: expected, hint: hint)
            return nil
        }
        if let range, !range.contains(value) {
            let bounds = "\(range.lowerBound) to \(range.upperBound)"
            report("\(subject) must be from \(bounds), found \(value)", at: node.location)
            return nil
        }
        return value
    }

    /// A plain decimal integer of at least `minimum`.
    mutating func integer(
        _ node: ConfigNode, _ subject: DefinitionSubject, atLeast minimum: Int
    ) -> Int? {
        guard let value = integer(node, subject) else { return nil }
        guard value >= minimum else {
            report("\(subject) must be at least \(minimum), found \(value)", at: node.location)
            return nil
        }
        return value
    }

    /// `true` or `false`, unquoted; YAML 1.1's `yes`, `on`, `False` and friends are refused.
    mutating func boolean(_ node: ConfigNode, _ subject: DefinitionSubject) -> Bool? {
        guard let scalar = scalar(node, subject, expected: "true or false") else { return nil }
        if scalar.isPlain, scalar.value == "true" { return true }
        if scalar.isPlain, scalar.value == "false" { return false }
        reportType(node, subject, expected: "true or false",
            hint: "arco reads only unquoted 'true' and 'false' as booleans")
        return nil
    }

    /// A plain decimal number from 0 to 1.
    mutating func fraction(_ node: ConfigNode, _ subject: DefinitionSubject) -> Double? {
        guard let scalar = scalar(node, subject, expected: "a number from 0 to 1") else {
            return nil
        }
        let text = scalar.value
        let isDecimal = !text.isEmpty && text != "."
            && text.allSatisfy { $0 == "." || ($0.isASCII && $0.isNumber) }
            && text.filter({ $0 == "." }).count <= 1
        guard scalar.isPlain, isDecimal, let value = Double(text), (0...1).contains(value) else {
            reportType(node, subject, expected: "a number from 0 to 1")
            return nil
        }
        return value
    }

    /// A duration such as `30s` or `1h30m`; zero only when `allowZero`.
    mutating func duration(
        _ node: ConfigNode, _ subject: DefinitionSubject, allowZero: Bool = false
    ) -> Duration? {
        guard let scalar = scalar(node, subject, expected: "a duration") else { return nil }
        do throws(DurationSyntax.ParseError) {
            let value = try DurationSyntax.parse(scalar.value)
            guard allowZero || value > .zero else {
                report("\(subject) must be longer than zero", at: node.location)
                return nil
            }
            return value
        } catch {
            report("\(error) for \(subject)", at: node.location, hint: error.hint)
            return nil
        }
    }

    /// A size such as `10MiB`, of at least `minimum` bytes.
    mutating func byteSize(
        _ node: ConfigNode, _ subject: DefinitionSubject, atLeast minimum: Int64
    ) -> Int64? {
        guard let scalar = scalar(node, subject, expected: "a size") else { return nil }
        do throws(ByteSizeSyntax.ParseError) {
            let value = try ByteSizeSyntax.parse(scalar.value)
            guard value >= minimum else {
                report("\(subject) must be at least \(ByteSizeSyntax.format(minimum))",
                    at: node.location)
                return nil
            }
            return value
        } catch {
            report("\(error) for \(subject)", at: node.location, hint: error.hint)
            return nil
        }
    }

    /// A cron expression in Dagster's dialect.
    mutating func cron(_ node: ConfigNode, _ subject: DefinitionSubject) -> CronSyntax? {
        guard let scalar = scalar(node, subject, expected: "a cron expression") else { return nil }
        do throws(CronSyntax.ParseError) {
            return try CronSyntax.parse(scalar.value)
        } catch {
            report("invalid cron '\(scalar.value)' for \(subject): \(error)", at: node.location,
                hint: error.hint)
            return nil
        }
    }

    /// An IANA time zone name known to this machine's time zone database.
    mutating func timezone(_ node: ConfigNode, _ subject: DefinitionSubject) -> String? {
        guard let name = string(node, subject) else { return nil }
        guard Self.isTimeZone(name) else {
            let zones = ["UTC"] + TimeZone.knownTimeZoneIdentifiers
            let hint = NameSuggestion.hint(for: name, in: zones)
                ?? "use an IANA name such as 'UTC' or 'America/New_York'"
            report("unknown time zone '\(name)' for \(subject)", at: node.location, hint: hint)
            return nil
        }
        return name
    }

    /// A date or date-time (`2024-01-01`, `2024-01-01T06:00`, `2024-01-01-06:00+0100`).
    mutating func dateTime(_ node: ConfigNode, _ subject: DefinitionSubject) -> WallDateTime? {
        guard let scalar = scalar(node, subject, expected: "a date") else { return nil }
        guard let value = WallDateTime.parse(scalar.value) else {
            report("invalid date '\(scalar.value)' for \(subject)", at: node.location,
                hint: "write 'YYYY-MM-DD' or 'YYYY-MM-DD HH:MM[:SS]', optionally with an offset")
            return nil
        }
        return value
    }

    /// One of a fixed set of words, in any scalar style.
    mutating func keyword(
        _ node: ConfigNode, _ subject: DefinitionSubject, among choices: [String]
    ) -> String? {
        let expected = "one of " + choices.joined(separator: ", ")
        guard let scalar = scalar(node, subject, expected: expected) else { return nil }
        guard choices.contains(scalar.value) else {
            report("unknown value '\(scalar.value)' for \(subject)", at: node.location,
                hint: NameSuggestion.hint(for: scalar.value, in: choices) ?? "use \(expected)")
            return nil
        }
        return scalar.value
    }

    /// An enumeration spelled by its raw values.
    mutating func keyword<Value: RawRepresentable & CaseIterable>(
        _ node: ConfigNode, _ subject: DefinitionSubject, as type: Value.Type
    ) -> Value? where Value.RawValue == String {
        keyword(node, subject, among: Value.allCases.map(\.rawValue)).flatMap(Value.init(rawValue:))
    }

    /// A list of non-null scalars; with `allowSingle`, a lone scalar reads as a one-item list.
    mutating func scalarList(
        _ node: ConfigNode, _ subject: DefinitionSubject, allowSingle: Bool = false
    ) -> [ConfigScalar]? {
        if allowSingle, let single = node.scalar, !single.isNull { return [single] }
        guard case .sequence(let items, _) = node else {
            let expected = allowSingle ? "a string or a list" : "a list of strings"
            reportType(node, subject, expected: expected)
            return nil
        }
        var values: [ConfigScalar] = []
        for item in items {
            if let value = scalar(item, subject, expected: "a list of strings") {
                values.append(value)
            }
        }
        return values
    }

    /// A mapping of strings to strings (`tags:`), keys non-empty.
    mutating func stringMap(_ node: ConfigNode, _ subject: DefinitionSubject) -> [String: String]? {
        guard let entries = mappingEntries(node, of: subject) else { return nil }
        var result: [String: String] = [:]
        for entry in entries {
            let key = entry.key.value
            guard !key.isEmpty else {
                report("empty key in \(subject)", at: entry.key.location)
                continue
            }
            if let value = scalar(entry.value, subject.child(key)) { result[key] = value.value }
        }
        return result
    }

    /// A name following `NameRules.isIdentifier`, or an asset key when `isAssetKey`.
    mutating func checkName(_ key: ConfigScalar, what: String, isAssetKey: Bool = false) -> Bool {
        let isValid = isAssetKey
            ? NameRules.isAssetKey(key.value) : NameRules.isIdentifier(key.value)
        guard isValid else {
            let rule = isAssetKey
                ? "use letters, digits and '_', not starting with a digit, "
                    + "with '/' between segments"
                : "use letters, digits and '_', not starting with a digit"
            report("invalid \(what) '\(key.value)'", at: key.location, hint: rule)
            return false
        }
        return true
    }

    /// Whether `name` is a time zone: it must resolve and keep its spelling, so that offsets like
    /// `GMT+5` (which Foundation turns into `GMT+0500`) and wrong case (`utc`) are refused.
    static func isTimeZone(_ name: String) -> Bool {
        if name == "UTC" { return true }
        guard !name.hasPrefix("GMT+"), !name.hasPrefix("GMT-"),
            let zone = TimeZone(identifier: name)
        else { return false }
        return zone.identifier == name
    }

    private static func decimalInteger(_ text: String) -> Int? {
        var digits = Substring(text)
        if digits.first == "-" || digits.first == "+" { digits = digits.dropFirst() }
        guard !digits.isEmpty, digits.allSatisfy({ $0.isASCII && $0.isNumber }),
            digits == "0" || digits.first != "0"
        else { return nil }
        return Int(text)
    }
}
