/// One kind of ledger event: a past-tense fact (or an intent ending in `Requested`) with a
/// permanent stored type string, a version, and an idempotency key derived from its content.
///
/// Stored names are never renamed: renaming a Swift type leaves `storedType` alone. A field may
/// be added as optional without a version bump; anything else bumps `version`.
public protocol EventBody: Sendable, Equatable {
    /// The type string written to the ledger's `type` column.
    static var storedType: String { get }
    /// The payload schema version written to the ledger's `version` column.
    static var version: Int { get }
    /// The key that admits this fact to the ledger at most once (ARCHITECTURE §5).
    var idempotencyKey: IdempotencyKey { get }
    /// The id that groups related events, usually the run id.
    var correlationID: String? { get }
    /// The payload as a JSON object; encoded canonically by the ledger.
    func payloadJSON() -> JSONValue
    /// Decodes the payload written by `payloadJSON()`.
    init(fields: JSONFields) throws(PayloadDecodingError)
}

extension EventBody {
    public var correlationID: String? { nil }
}
