/// The position `--after` resumes a staleness report from: the last row of a page, printed as
/// base64url (no padding) of the JSON `[asset, partition]` (ADR 0011).
public struct StalenessCursor: Sendable, Hashable {
    /// The asset of the page's last row.
    public var asset: AssetKey
    /// Its partition's display key; nil for an unpartitioned asset.
    public var partition: String?

    /// The cursor of a row.
    public init(asset: AssetKey, partition: String?) {
        self.asset = asset
        self.partition = partition
    }

    /// Reads a printed cursor; nil when it is not one.
    public init?(text: String) {
        guard let bytes = Base64URL.decodeCanonical(ArraySlice(text.utf8)),
            case .array(let parts)? = try? JSONParser.parse(bytes: bytes), parts.count == 2,
            case .string(let asset) = parts[0]
        else { return nil }
        switch parts[1] {
        case .string(let partition): self.init(asset: AssetKey(asset), partition: partition)
        case .null: self.init(asset: AssetKey(asset), partition: nil)
        default: return nil
        }
    }

    /// The printed form.
    public var text: String {
        Base64URL.encode(Array(CanonicalJSON.encode([.string(asset.rawValue), .optional(partition)]).utf8))
    }
}
