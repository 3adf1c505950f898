/// Keys were added to or removed from a dynamic partitions definition.
public struct DynamicPartitionsChanged: EventBody {
    public static let storedType = "DynamicPartitionsChanged"
    public static let version = 1

    /// The dynamic partitions definition.
    public var partitionsDef: String
    /// Keys added (already-present keys are ignored by the fold).
    public var added: [String]
    /// Keys removed (missing keys are ignored by the fold).
    public var removed: [String]
    /// The definition's change version this event creates (previous + 1).
    public var stateVersion: Int64

    /// Creates the event.
    public init(partitionsDef: String, added: [String], removed: [String], stateVersion: Int64) {
        self.partitionsDef = partitionsDef
        self.added = added
        self.removed = removed
        self.stateVersion = stateVersion
    }

    /// `dynamic_partitions:{def}:{state_version}:{sha256hex(content)}`: content plus version, so the
    /// same request is accepted once, and adding a key again after removing it is a new fact.
    public var idempotencyKey: IdempotencyKey {
        let content = CanonicalJSON.encode(["added": .strings(added), "removed": .strings(removed)])
        return IdempotencyKey("dynamic_partitions:\(partitionsDef):\(stateVersion):\(SHA256Hex.digest(content))")
    }

    public func payloadJSON() -> JSONValue {
        [
            "partitions_def": .string(partitionsDef), "added": .strings(added), "removed": .strings(removed),
            "state_version": .int(stateVersion),
        ]
    }

    public init(fields: JSONFields) throws(PayloadDecodingError) {
        self.partitionsDef = try fields.string("partitions_def")
        self.added = try fields.strings("added")
        self.removed = try fields.strings("removed")
        self.stateVersion = try fields.int("state_version")
    }
}
