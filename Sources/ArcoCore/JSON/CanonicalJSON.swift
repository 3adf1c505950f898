/// Encodes `JSONValue`s canonically: object keys sorted by UTF-8 bytes, no insignificant
/// whitespace, minimal string escapes, integers in decimal and doubles in their shortest
/// round-trip form.
///
/// Canonical bytes matter twice: the ledger's hash chain covers them, and `--json` output must be
/// byte-identical across runs. Foundation's `JSONEncoder` costs about 6.6 µs per event here and its
/// key order is not specified, so this encoder is written by hand.
public enum CanonicalJSON {
    /// Encodes a value to canonical JSON text.
    public static func encode(_ value: JSONValue) -> String {
        var output = [UInt8]()
        output.reserveCapacity(256)
        write(value, to: &output)
        return String(decoding: output, as: UTF8.self)
    }

    /// Appends the canonical encoding of a value to a byte buffer.
    public static func write(_ value: JSONValue, to output: inout [UInt8]) {
        switch value {
        case .null: output.append(contentsOf: [110, 117, 108, 108])
        case .bool(let flag):
            if flag {
                output.append(contentsOf: [116, 114, 117, 101])
            } else {
                output.append(contentsOf: [102, 97, 108, 115, 101])
            }
        case .int(let number): output.append(contentsOf: String(number).utf8)
        case .double(let number): writeDouble(number, to: &output)
        case .string(let text): writeString(text, to: &output)
        case .array(let elements):
            output.append(UInt8(ascii: "["))
            for (index, element) in elements.enumerated() {
                if index > 0 { output.append(UInt8(ascii: ",")) }
                write(element, to: &output)
            }
            output.append(UInt8(ascii: "]"))
        case .object(let members):
            writeObject(members, to: &output)
        }
    }

    private static func writeObject(_ members: [String: JSONValue], to output: inout [UInt8]) {
        output.append(UInt8(ascii: "{"))
        let keys = members.keys.sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) }
        for (index, key) in keys.enumerated() {
            if index > 0 { output.append(UInt8(ascii: ",")) }
            writeString(key, to: &output)
            output.append(UInt8(ascii: ":"))
            if let member = members[key] { write(member, to: &output) }
        }
        output.append(UInt8(ascii: "}"))
    }

    private static func writeDouble(_ number: Double, to output: inout [UInt8]) {
        // JSON has no NaN or infinity; payload builders never produce them, so map them to null
        // rather than emit text no parser accepts.
        guard number.isFinite else {
            output.append(contentsOf: [110, 117, 108, 108])
            return
        }
        output.append(contentsOf: number.description.utf8)
    }

    private static let hexDigits: [UInt8] = Array("0123456789abcdef".utf8)

    /// Writes a JSON string with the minimal escapes of RFC 8785 (JCS).
    static func writeString(_ text: String, to output: inout [UInt8]) {
        output.append(UInt8(ascii: "\""))
        // Nearly every string arco writes (keys, versions, timestamps) needs no escape: those are
        // copied in one block rather than byte by byte.
        var text = text
        let plain = text.withUTF8 { bytes in
            for byte in bytes where byte < 0x20 || byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\\") {
                return false
            }
            output.append(contentsOf: bytes)
            return true
        }
        if !plain { writeEscaped(text, to: &output) }
        output.append(UInt8(ascii: "\""))
    }

    private static func writeEscaped(_ text: String, to output: inout [UInt8]) {
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "\""): output.append(contentsOf: [92, 34])
            case UInt8(ascii: "\\"): output.append(contentsOf: [92, 92])
            case 0x08: output.append(contentsOf: [92, 98])
            case 0x0C: output.append(contentsOf: [92, 102])
            case 0x0A: output.append(contentsOf: [92, 110])
            case 0x0D: output.append(contentsOf: [92, 114])
            case 0x09: output.append(contentsOf: [92, 116])
            case 0..<0x20:
                output.append(contentsOf: [92, 117, 48, 48])
                output.append(hexDigits[Int(byte >> 4)])
                output.append(hexDigits[Int(byte & 0x0F)])
            default: output.append(byte)
            }
        }
    }
}
