extension CanonicalPartitionKey {
    /// Parses canonical text strictly: it must be exactly what `description` would print.
    ///
    /// Strictness is what makes the form an identity: `i:01`, an unsorted key or a padded
    /// base64 string would otherwise name the same partition twice. The parser works on UTF-8
    /// bytes and checks each value's canonical spelling as it goes, instead of re-printing the
    /// key, because run keys and store rows parse keys in bulk.
    public init(parsing text: String) throws(CanonicalKeyError) {
        var values = [(dimension: String, value: Value)]()
        // One copy of the bytes per key; segments are slices of it.
        let bytes = Array(text.utf8)
        var start = 0
        var previous: ArraySlice<UInt8>?
        while start < bytes.count || (start == bytes.count && !values.isEmpty && bytes.last == UInt8(ascii: ",")) {
            var end = start
            while end < bytes.count, bytes[end] != UInt8(ascii: ",") { end += 1 }
            let (dimension, value) = try Self.parseSegment(bytes[start..<end])
            if let previous, !previous.lexicographicallyPrecedes(dimension) {
                throw previous == dimension ? .duplicateDimension(String(decoding: dimension, as: UTF8.self)) : .notSorted
            }
            previous = dimension
            values.append((String(decoding: dimension, as: UTF8.self), value))
            start = end + 1
        }
        self.init(checkedSegments: values)
    }

    private static func parseSegment(_ segment: ArraySlice<UInt8>) throws(CanonicalKeyError) -> (ArraySlice<UInt8>, Value) {
        guard let equals = segment.firstIndex(of: UInt8(ascii: "=")),
            let colon = segment[equals...].firstIndex(of: UInt8(ascii: ":"))
        else { throw .malformedSegment(String(decoding: segment, as: UTF8.self)) }
        let dimension = segment[segment.startIndex..<equals]
        guard isValidDimension(dimension) else { throw .invalidDimension(String(decoding: dimension, as: UTF8.self)) }
        let tag = segment[(equals + 1)..<colon]
        let raw = segment[(colon + 1)...]
        return (dimension, try decode(tag: tag, raw: raw))
    }

    private static func isValidDimension(_ name: ArraySlice<UInt8>) -> Bool {
        guard let first = name.first, first == UInt8(ascii: "_") || isLetter(first) else { return false }
        return name.allSatisfy { $0 == UInt8(ascii: "_") || isLetter($0) || (48...57).contains($0) }
    }

    private static func isLetter(_ byte: UInt8) -> Bool { (65...90).contains(byte) || (97...122).contains(byte) }

    private static func decode(tag: ArraySlice<UInt8>, raw: ArraySlice<UInt8>) throws(CanonicalKeyError) -> Value {
        let tagText = String(decoding: tag, as: UTF8.self)
        let invalid = CanonicalKeyError.invalidValue(tag: tagText, value: String(decoding: raw, as: UTF8.self))
        guard tag.count == 1, let letter = tag.first else { throw .unknownTag(tagText) }
        switch letter {
        case UInt8(ascii: "s"):
            guard let bytes = Base64URL.decodeCanonical(raw), let text = String(validating: bytes, as: UTF8.self) else {
                throw invalid
            }
            return .string(text)
        case UInt8(ascii: "i"):
            guard let number = canonicalInteger(raw) else { throw invalid }
            return .integer(number)
        case UInt8(ascii: "b"):
            if raw.elementsEqual("true".utf8) { return .boolean(true) }
            if raw.elementsEqual("false".utf8) { return .boolean(false) }
            throw invalid
        case UInt8(ascii: "d"):
            guard let date = CanonicalTimeText.date(raw) else { throw invalid }
            return .date(date)
        case UInt8(ascii: "t"):
            guard let instant = CanonicalTimeText.instant(raw) else { throw invalid }
            return .timestamp(instant)
        case UInt8(ascii: "n"):
            guard raw.elementsEqual("null".utf8) else { throw invalid }
            return .null
        default:
            throw .unknownTag(tagText)
        }
    }

    /// Decimal without a plus sign, leading zeros or `-0`.
    private static func canonicalInteger(_ raw: ArraySlice<UInt8>) -> Int64? {
        var digits = raw[...]
        let negative = digits.first == UInt8(ascii: "-")
        if negative { digits = digits.dropFirst() }
        guard let first = digits.first, (48...57).contains(first), !(first == 48 && (digits.count > 1 || negative)) else {
            return nil
        }
        return Int64(String(decoding: raw, as: UTF8.self))
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
}
