extension Timestamp {
    /// This instant moved by a number of microseconds.
    func advanced(byMicroseconds micros: Int64) -> Timestamp {
        Timestamp(microsecondsSinceEpoch: microsecondsSinceEpoch + micros)
    }
}
