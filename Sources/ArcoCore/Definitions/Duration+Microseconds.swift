extension Duration {
    /// Whole microseconds, as the store keeps instants and leases (`Timestamp`).
    public var microseconds: Int64 {
        let (seconds, attoseconds) = components
        return seconds * 1_000_000 + attoseconds / 1_000_000_000_000
    }
}
