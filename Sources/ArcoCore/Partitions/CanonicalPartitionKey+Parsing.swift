extension CanonicalPartitionKey {
    /// Parses canonical text strictly: it must be exactly what `description` would print.
    ///
    /// Strictness is what makes the form an identity: `i:01`, an unsorted key or a padded
    /// base64 string would otherwise name the same partition twice.
    public init(parsing text: String) throws(CanonicalKeyError) {
        guard !text.isEmpty else {
            try self.init([])
            return
        }
        var values = [(dimension: String, value: Value)]()
        for segment in text.split(separator: ",", omittingEmptySubsequences: false) {
            guard let equals = segment.firstIndex(of: "="), let colon = segment[equals...].firstIndex(of: ":") else {
                throw .malformedSegment(String(segment))
            }
            let dimension = String(segment[..<equals])
            let tag = String(segment[segment.index(after: equals)..<colon])
            let raw = String(segment[segment.index(after: colon)...])
            values.append((dimension, try Self.decode(tag: tag, raw: raw)))
        }
        try self.init(values)
        guard description == text else { throw .notSorted }
    }

    static func decode(tag: String, raw: String) throws(CanonicalKeyError) -> Value {
        let invalid = CanonicalKeyError.invalidValue(tag: tag, value: raw)
        switch tag {
        case "s":
            guard let bytes = Base64URL.decode(raw), let text = String(validating: bytes, as: UTF8.self),
                Base64URL.encode(bytes) == raw
            else { throw invalid }
            return .string(text)
        case "i":
            guard let number = Int64(raw), String(number) == raw else { throw invalid }
            return .integer(number)
        case "b":
            guard raw == "true" || raw == "false" else { throw invalid }
            return .boolean(raw == "true")
        case "d":
            guard let date = DateText.parse(raw), date.year >= 1970 else { throw invalid }
            return .date(date)
        case "t":
            guard raw.utf8.count == 27, let instant = Timestamp(iso8601: raw), instant.iso8601 == raw else { throw invalid }
            return .timestamp(instant)
        case "n":
            guard raw == "null" else { throw invalid }
            return .null
        default:
            throw .unknownTag(tag)
        }
    }
}

/// `YYYY-MM-DD` dates, written and read without Foundation.
enum DateText {
    static func format(_ date: CivilDate) -> String {
        func pad(_ value: Int, _ width: Int) -> String {
            let digits = String(value)
            return String(repeating: "0", count: max(0, width - digits.count)) + digits
        }
        return "\(pad(date.year, 4))-\(pad(date.month, 2))-\(pad(date.day, 2))"
    }

    static func parse(_ text: String) -> CivilDate? {
        var scanner = DigitScanner(Array(text.utf8))
        guard let year = scanner.number(digits: 4), scanner.expect("-"), let month = scanner.number(digits: 2),
            scanner.expect("-"), let day = scanner.number(digits: 2), scanner.isAtEnd
        else { return nil }
        let date = CivilDate(year: year, month: month, day: day)
        return date.isValid ? date : nil
    }
}
