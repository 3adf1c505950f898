extension Timestamp {
    /// Parses an instant that names its offset: ISO 8601 date and time ending in `Z` or `±HH:MM`
    /// (`±HHMM` too), with optional fractional seconds. A bare date or a local time is refused,
    /// because it would silently mean UTC where the operator may have meant the schedule's zone.
    public init?(instant text: String) {
        guard let parsed = Timestamp(iso8601: text), Self.namesOffset(text) else { return nil }
        self = parsed
    }

    private static func namesOffset(_ text: String) -> Bool {
        let bytes = Array(text.utf8)
        // A date-only value has no time, so it cannot carry an offset.
        guard bytes.count > 10, bytes[10] == UInt8(ascii: "T") || bytes[10] == UInt8(ascii: "t")
            || bytes[10] == UInt8(ascii: " ")
        else { return false }
        if let last = bytes.last, last == UInt8(ascii: "Z") || last == UInt8(ascii: "z") { return true }
        let time = bytes[11...]
        return time.contains(UInt8(ascii: "+")) || time.contains(UInt8(ascii: "-"))
    }
}
