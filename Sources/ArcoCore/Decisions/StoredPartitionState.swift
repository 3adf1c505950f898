/// A partition's state as read from the `partition_status` projection.
public struct StoredPartitionState: Sendable, Hashable {
    /// The stored key: canonical, or the display key for materializations reported without one.
    public var key: String
    /// The display key, when one was recorded.
    public var display: String?
    /// The state `PartitionState(_:)` gives the row.
    public var state: PartitionState

    public init(key: String, display: String?, state: PartitionState) {
        self.key = key
        self.display = display
        self.state = state
    }
}
