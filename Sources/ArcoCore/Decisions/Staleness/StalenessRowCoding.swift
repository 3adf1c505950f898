/// A compact binary form of one asset's non-fresh rows, for the verdict cache (ADR 0012).
///
/// Rows hold what `--json` prints except the asset and the partition, which the cache entry and
/// the row's position give back; `upstreamCauses` are not kept (the report prints none). JSON
/// would be three times larger, and decoding it would cost what the cache saves.
///
/// Layout: a format byte, a row count, then per row its position, reason, `since` and cause.
/// Integers are LEB128, instants are 8 bytes little-endian microseconds, strings are a length
/// and UTF-8 bytes, and an absent value is a 0 flag byte before it.
public enum StalenessRowCoding {
    /// Raised when the layout changes; older entries then fail to decode and are recomputed.
    static let format: UInt8 = 1

    /// Encodes rows of one asset, in partition order.
    public static func encode(_ rows: [StalenessRow]) -> [UInt8] {
        var out: [UInt8] = [format]
        writeInteger(UInt64(rows.count), to: &out)
        for row in rows { write(row, to: &out) }
        return out
    }

    private static func write(_ row: StalenessRow, to out: inout [UInt8]) {
        writeInteger(UInt64(row.position), to: &out)
        out.append(UInt8(row.reason?.precedence ?? 255))
        writeOptional(row.since, to: &out, writeTimestamp)
        write(row.cause, to: &out)
    }

    /// One encoded row's verdict, and where its bytes lie, read without building its strings:
    /// what a refresh needs of the rows it keeps (`StalenessRefresh`).
    public struct Record: Sendable {
        public var position: Int
        public var reason: StaleReason
        public var since: Timestamp?
        var bytes: Range<Int>
    }

    /// The records of an encoding for an asset of `keyCount` partitions; nil when the bytes are
    /// not a well-formed encoding (text inside is not checked: `decode` does that).
    public static func records(_ bytes: [UInt8], keyCount: Int) -> [Record]? {
        var reader = ByteReader(bytes: bytes)
        guard reader.byte() == format, let count = reader.integer(), count <= UInt64(bytes.count) else { return nil }
        var records: [Record] = []
        records.reserveCapacity(Int(count))
        for _ in 0..<count {
            let start = reader.offset
            guard let position = reader.integer().flatMap({ Int(exactly: $0) }), position < keyCount,
                let reasonByte = reader.byte(), let reason = reason(reasonByte),
                let since = reader.optional({ $0.timestamp() }), reader.skipCause()
            else { return nil }
            records.append(Record(position: position, reason: reason, since: since, bytes: start..<reader.offset))
        }
        return reader.atEnd ? records : nil
    }

    /// The encoding of `bytes` (whose `records` these are) with the rows at `positions` taken
    /// out and `rows` (non-fresh rows at some of those positions, in partition order) put in:
    /// kept rows are copied as bytes, not decoded and encoded again.
    public static func splice(_ bytes: [UInt8], records: [Record], replacing positions: [Int], with rows: [StalenessRow])
        -> [UInt8]
    {
        // The merge below interleaves two ascending sequences; rows out of order would be written
        // out of order, and `decode` would hand each to the wrong partition.
        precondition(zip(rows, rows.dropFirst()).allSatisfy { $0.position < $1.position }, "splice needs rows in partition order")
        let replaced = Set(positions)
        let kept = records.filter { !replaced.contains($0.position) }
        var out: [UInt8] = [format]
        out.reserveCapacity(bytes.count + rows.count * 64)
        writeInteger(UInt64(kept.count + rows.count), to: &out)
        var next = 0
        for record in kept {
            while next < rows.count, rows[next].position < record.position {
                write(rows[next], to: &out)
                next += 1
            }
            out.append(contentsOf: bytes[record.bytes])
        }
        for row in rows[next...] { write(row, to: &out) }
        return out
    }

    /// Decodes rows of `asset` whose display keys are `keys` (by position); nil when the bytes
    /// are not a well-formed encoding for these keys (another format, or a damaged entry).
    public static func decode(_ bytes: [UInt8], asset: AssetKey, keys: [String?]) -> [StalenessRow]? {
        var reader = ByteReader(bytes: bytes)
        guard reader.byte() == format, let count = reader.integer(), count <= UInt64(bytes.count) else { return nil }
        var rows: [StalenessRow] = []
        rows.reserveCapacity(Int(count))
        for _ in 0..<count {
            guard let position = reader.integer().flatMap({ Int(exactly: $0) }), position < keys.count,
                let reasonByte = reader.byte(), let reason = reason(reasonByte),
                let since = reader.optional({ $0.timestamp() }), let cause = reader.cause()
            else { return nil }
            var row = StalenessRow(
                asset: asset, partition: keys[position], status: reason.status, reason: reason, cause: cause,
                since: since)
            row.position = position
            rows.append(row)
        }
        return reader.atEnd ? rows : nil
    }

    private static func reason(_ byte: UInt8) -> StaleReason? {
        StaleReason.allCases.first { $0.precedence == Int(byte) }
    }

    private static func write(_ cause: StalenessCause?, to out: inout [UInt8]) {
        guard let cause else {
            out.append(255)
            return
        }
        switch cause {
        case .neverMaterialized:
            out.append(0)
        case .codeChanged(let materialized, let current, let at):
            out.append(1)
            writeOptional(materialized, to: &out, writeString)
            writeOptional(current, to: &out, writeString)
            writeTimestamp(at, to: &out)
        case .upstreamNeverMaterialized(let asset, let partition):
            out.append(2)
            writeString(asset.rawValue, to: &out)
            writeOptional(partition, to: &out, writeString)
        case .upstreamChanged(let asset, let partition, let consumed, let current, let changedAt):
            out.append(3)
            writeString(asset.rawValue, to: &out)
            writeOptional(partition, to: &out, writeString)
            writeOptional(consumed, to: &out, writeString)
            writeString(current, to: &out)
            writeOptional(changedAt, to: &out, writeTimestamp)
        case .upstreamStale(let asset, let partition, let reason):
            out.append(4)
            writeString(asset.rawValue, to: &out)
            writeOptional(partition, to: &out, writeString)
            out.append(UInt8(reason.precedence))
        case .freshnessViolated(let at, let lag, let cron, let deadline):
            out.append(5)
            writeTimestamp(at, to: &out)
            writeTimestamp(Timestamp(microsecondsSinceEpoch: lag), to: &out)
            writeOptional(cron, to: &out, writeString)
            writeTimestamp(deadline, to: &out)
        }
    }

    private static func writeInteger(_ value: UInt64, to out: inout [UInt8]) {
        var rest = value
        while rest >= 0x80 {
            out.append(UInt8(truncatingIfNeeded: rest) | 0x80)
            rest >>= 7
        }
        out.append(UInt8(rest))
    }

    private static func writeTimestamp(_ value: Timestamp, to out: inout [UInt8]) {
        let bits = UInt64(bitPattern: value.microsecondsSinceEpoch)
        for shift in stride(from: 0, to: 64, by: 8) { out.append(UInt8(truncatingIfNeeded: bits >> UInt64(shift))) }
    }

    private static func writeString(_ value: String, to out: inout [UInt8]) {
        writeInteger(UInt64(value.utf8.count), to: &out)
        out.append(contentsOf: value.utf8)
    }

    private static func writeOptional<T>(_ value: T?, to out: inout [UInt8], _ write: (T, inout [UInt8]) -> Void) {
        guard let value else {
            out.append(0)
            return
        }
        out.append(1)
        write(value, &out)
    }

    /// Reads the layout back, failing (nil) rather than trapping on anything malformed.
    private struct ByteReader {
        let bytes: [UInt8]
        var offset = 0

        var atEnd: Bool { offset == bytes.count }

        mutating func byte() -> UInt8? {
            guard offset < bytes.count else { return nil }
            defer { offset += 1 }
            return bytes[offset]
        }

        mutating func integer() -> UInt64? {
            var value: UInt64 = 0
            var shift: UInt64 = 0
            while let next = byte() {
                guard shift < 64 else { return nil }
                value |= UInt64(next & 0x7F) << shift
                if next < 0x80 { return value }
                shift += 7
            }
            return nil
        }

        mutating func timestamp() -> Timestamp? {
            guard offset + 8 <= bytes.count else { return nil }
            var bits: UInt64 = 0
            for index in 0..<8 { bits |= UInt64(bytes[offset + index]) << UInt64(index * 8) }
            offset += 8
            return Timestamp(microsecondsSinceEpoch: Int64(bitPattern: bits))
        }

        mutating func skipString() -> Bool {
            guard let length = integer(), length <= UInt64(bytes.count - offset) else { return false }
            offset += Int(length)
            return true
        }

        mutating func skipTimestamp() -> Bool {
            guard offset + 8 <= bytes.count else { return false }
            offset += 8
            return true
        }

        mutating func skipOptional(_ skip: (inout ByteReader) -> Bool) -> Bool {
            switch byte() {
            case 0?: return true
            case 1?: return skip(&self)
            default: return false
            }
        }

        /// Passes over a cause as `cause()` reads it, building nothing.
        mutating func skipCause() -> Bool {
            guard let kind = byte() else { return false }
            switch kind {
            case 255, 0:
                return true
            case 1:
                return skipOptional { $0.skipString() } && skipOptional { $0.skipString() } && skipTimestamp()
            case 2:
                return skipString() && skipOptional { $0.skipString() }
            case 3:
                return skipString() && skipOptional { $0.skipString() } && skipOptional { $0.skipString() }
                    && skipString() && skipOptional { $0.skipTimestamp() }
            case 4:
                return skipString() && skipOptional { $0.skipString() } && byte().flatMap(StalenessRowCoding.reason) != nil
            case 5:
                return skipTimestamp() && skipTimestamp() && skipOptional { $0.skipString() } && skipTimestamp()
            default:
                return false
            }
        }

        mutating func string() -> String? {
            guard let length = integer(), length <= UInt64(bytes.count - offset) else { return nil }
            let end = offset + Int(length)
            defer { offset = end }
            return String(validating: bytes[offset..<end], as: UTF8.self)
        }

        /// A value behind a presence flag: `.some(nil)` when absent, nil when malformed.
        mutating func optional<T>(_ read: (inout ByteReader) -> T?) -> T?? {
            switch byte() {
            case 0?: return .some(nil)
            case 1?: return read(&self).map { .some($0) }
            default: return nil
            }
        }

        mutating func cause() -> StalenessCause?? {
            guard let kind = byte() else { return nil }
            switch kind {
            case 255:
                return .some(nil)
            case 0:
                return .neverMaterialized
            case 1:
                guard let materialized = optional({ $0.string() }), let current = optional({ $0.string() }),
                    let at = timestamp()
                else { return nil }
                return .codeChanged(materialized: materialized, current: current, materializedAt: at)
            case 2:
                guard let asset = string(), let partition = optional({ $0.string() }) else { return nil }
                return .upstreamNeverMaterialized(asset: AssetKey(asset), partition: partition)
            case 3:
                guard let asset = string(), let partition = optional({ $0.string() }),
                    let consumed = optional({ $0.string() }), let current = string(),
                    let changedAt = optional({ $0.timestamp() })
                else { return nil }
                return .upstreamChanged(
                    asset: AssetKey(asset), partition: partition, consumed: consumed, current: current,
                    changedAt: changedAt)
            case 4:
                guard let asset = string(), let partition = optional({ $0.string() }), let byte = byte(),
                    let reason = StalenessRowCoding.reason(byte)
                else { return nil }
                return .upstreamStale(asset: AssetKey(asset), partition: partition, reason: reason)
            case 5:
                guard let at = timestamp(), let lag = timestamp(), let cron = optional({ $0.string() }),
                    let deadline = timestamp()
                else { return nil }
                return .freshnessViolated(
                    materializedAt: at, maxLagSeconds: lag.microsecondsSinceEpoch, cron: cron, deadline: deadline)
            default:
                return nil
            }
        }
    }
}
