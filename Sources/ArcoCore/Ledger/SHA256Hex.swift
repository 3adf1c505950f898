import Crypto

/// Lowercase hexadecimal SHA-256, the digest every derived key and the hash chain use.
public enum SHA256Hex {
    private static let hexDigits: [UInt8] = Array("0123456789abcdef".utf8)

    /// The 64-character lowercase hex SHA-256 of a string's UTF-8 bytes.
    public static func digest(_ text: String) -> String {
        digest(bytes: Array(text.utf8))
    }

    /// The 64-character lowercase hex SHA-256 of raw bytes.
    public static func digest(bytes: [UInt8]) -> String {
        hex(SHA256.hash(data: bytes))
    }

    /// The 64-character lowercase hex form of a finished digest.
    static func hex(_ hash: SHA256.Digest) -> String {
        var output = [UInt8]()
        output.reserveCapacity(64)
        for byte in hash {
            output.append(hexDigits[Int(byte >> 4)])
            output.append(hexDigits[Int(byte & 0x0F)])
        }
        return String(decoding: output, as: UTF8.self)
    }
}
