/// Makes ids for things that are new by nature (events, manual runs). Ids that replay must
/// reproduce are derived from their inputs instead (tick ids, run keys).
public protocol IDGenerator: Sendable {
    /// A new event id; ids from one generator sort in creation order.
    func makeEventID(at time: Timestamp) -> EventID
    /// A new opaque id with a prefix, e.g. `run_01J…`.
    func makeID(prefix: String, at time: Timestamp) -> String
}

extension IDGenerator {
    /// A new run id.
    public func makeRunID(at time: Timestamp) -> RunID { RunID(makeID(prefix: "run", at: time)) }
}

/// Crockford base-32 ULIDs: 48 bits of milliseconds then 80 bits of entropy, 26 characters,
/// lexically sortable by time.
public enum ULID {
    private static let alphabet: [UInt8] = Array("0123456789ABCDEFGHJKMNPQRSTVWXYZ".utf8)

    /// Formats a ULID from its time and entropy parts.
    public static func format(milliseconds: UInt64, entropyHigh: UInt16, entropyLow: UInt64) -> String {
        var output = [UInt8](repeating: 0, count: 26)
        var time = milliseconds
        for index in stride(from: 9, through: 0, by: -1) {
            output[index] = alphabet[Int(time & 31)]
            time >>= 5
        }
        // 80 bits of entropy = 16 characters of 5 bits: the top 16 bits, then the low 64.
        var low = entropyLow
        for index in stride(from: 25, through: 13, by: -1) {
            output[index] = alphabet[Int(low & 31)]
            low >>= 5
        }
        // 13 characters took 65 bits: 64 from `low`, plus the lowest bit of `high` in char 13.
        let high = UInt64(entropyHigh)
        output[13] = alphabet[Int((UInt64(entropyLow >> 60) | (high & 1) << 4) & 31)]
        var rest = high >> 1
        for index in stride(from: 12, through: 10, by: -1) {
            output[index] = alphabet[Int(rest & 31)]
            rest >>= 5
        }
        return String(decoding: output, as: UTF8.self)
    }
}
