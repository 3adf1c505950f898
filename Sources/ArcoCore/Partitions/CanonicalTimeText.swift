/// The fixed-width `d:` and `t:` value spellings of canonical keys, read straight from bytes.
///
/// Both forms have exactly one spelling per value (`YYYY-MM-DD`, `YYYY-MM-DDTHH:MM:SS.ffffffZ`),
/// so checking each position and range is the same as re-printing and comparing, without the
/// string round trip: status summaries and run keys parse tens of thousands of these at once.
enum CanonicalTimeText {
    /// A `YYYY-MM-DD` date from year 0001, or nil.
    static func date<Bytes: RandomAccessCollection<UInt8>>(_ raw: Bytes) -> CivilDate? where Bytes.Index == Int {
        guard raw.count == 10 else { return nil }
        let base = raw.startIndex
        guard raw[base + 4] == UInt8(ascii: "-"), raw[base + 7] == UInt8(ascii: "-"),
            let year = digits(raw, base, 4), let month = digits(raw, base + 5, 2), let day = digits(raw, base + 8, 2)
        else { return nil }
        let date = CivilDate(year: year, month: month, day: day)
        return year >= 1 && date.isValid ? date : nil
    }

    /// A `YYYY-MM-DDTHH:MM:SS.ffffffZ` instant, or nil.
    static func instant<Bytes: RandomAccessCollection<UInt8>>(_ raw: Bytes) -> Timestamp? where Bytes.Index == Int {
        guard raw.count == 27 else { return nil }
        let base = raw.startIndex
        guard let date = date(raw[base..<(base + 10)]), raw[base + 10] == UInt8(ascii: "T"),
            raw[base + 13] == UInt8(ascii: ":"), raw[base + 16] == UInt8(ascii: ":"),
            raw[base + 19] == UInt8(ascii: "."), raw[base + 26] == UInt8(ascii: "Z"),
            let hour = digits(raw, base + 11, 2), hour < 24, let minute = digits(raw, base + 14, 2), minute < 60,
            let second = digits(raw, base + 17, 2), second < 60, let micros = digits(raw, base + 20, 6)
        else { return nil }
        let seconds = date.daysSinceEpoch * 86_400 + Int64(hour * 3600 + minute * 60 + second)
        return Timestamp(microsecondsSinceEpoch: seconds * 1_000_000 + Int64(micros))
    }

    private static func digits<Bytes: RandomAccessCollection<UInt8>>(_ raw: Bytes, _ start: Int, _ count: Int) -> Int?
    where Bytes.Index == Int {
        var value = 0
        for index in start..<(start + count) {
            let byte = raw[index]
            guard byte >= 48, byte <= 57 else { return nil }
            value = value * 10 + Int(byte - 48)
        }
        return value
    }
}

extension CanonicalPartitionKey {
    /// The value of a single-dimension `key=d:…` or `key=t:…` key read in place, or nil for any
    /// other text (which the strict parser then decides). What the strict parser accepts
    /// here it accepts too, with the same value; this skips its copies for the common case of
    /// a time-window partition.
    public static func singleTimeValue(_ text: String) -> Value? {
        text.utf8.withContiguousStorageIfAvailable { bytes -> Value? in
            guard bytes.count > 6, bytes[0] == UInt8(ascii: "k"), bytes[1] == UInt8(ascii: "e"),
                bytes[2] == UInt8(ascii: "y"), bytes[3] == UInt8(ascii: "="), bytes[5] == UInt8(ascii: ":")
            else { return nil }
            let raw = bytes[6...]
            switch bytes[4] {
            case UInt8(ascii: "d"): return CanonicalTimeText.date(raw).map(Value.date)
            case UInt8(ascii: "t"): return CanonicalTimeText.instant(raw).map(Value.timestamp)
            default: return nil
            }
        } ?? nil
    }
}
