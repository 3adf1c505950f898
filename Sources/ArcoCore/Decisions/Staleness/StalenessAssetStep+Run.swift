extension StalenessAssetStep {
    /// Carries out the step on `evaluator`: the part of a walk that is the same wherever facts
    /// and cached rows come from, so that the engine and the tests run the same code.
    ///
    /// - Parameters:
    ///   - facts: the asset's facts as `facts` asks (`[:]` for `.none`).
    ///   - cached: the entry's rows; required when `needsCachedRows`.
    public func run(
        _ evaluator: inout StalenessEvaluator, facts known: [String: PartitionFacts], cached: StalenessCachedRows?
    ) -> StalenessStepOutcome {
        switch verdicts {
        case .reuse:
            guard facts != .none else {
                // Nothing evaluated later reads it: what it read need not be kept for it.
                evaluator.skip(asset)
                return .reused
            }
            guard let cached else { preconditionFailure("restoring \(asset) needs its cached rows") }
            evaluator.restore(asset, facts: known, records: cached.records)
            return .reused
        case .refresh(let positions):
            guard let cached else { preconditionFailure("refreshing \(asset) needs its cached rows") }
            let total = evaluator.keys(of: asset).keys.count
            let evaluated = evaluator.refresh(asset, facts: known, positions: positions, previous: cached.records)
            let bytes = StalenessRowCoding.splice(cached.bytes, records: cached.records, replacing: positions, with: evaluated)
            let replaced = Set(positions)
            let counts = StalenessCacheEntry.counts(
                of: cached.records.lazy.filter { !replaced.contains($0.position) }.map(\.reason) + evaluated.compactMap(\.reason),
                total: total)
            return .refreshed(bytes: bytes, counts: counts)
        case .evaluate:
            var rows: [StalenessRow] = []
            evaluator.evaluate(asset, facts: known) { row in
                if row.status != .fresh { rows.append(row) }
            }
            return .evaluated(rows)
        }
    }
}
