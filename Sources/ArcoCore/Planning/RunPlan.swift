/// What `RunPlanner.planned` decided: the steps, and the selected assets it left out.
public struct RunPlan: Sendable, Hashable {
    /// A selected asset with no partition reading anything the run materializes.
    public struct Skip: Sendable, Hashable {
        public var asset: String
        /// The asset's first partition now, for the operator's note.
        public var firstPartition: String?

        public init(asset: String, firstPartition: String?) {
            self.asset = asset
            self.firstPartition = firstPartition
        }

        /// `weekly_rollup has no partition that reads what this run materializes (its first is 2024-01-07); skipped`
        public var note: String {
            "\(asset) has no partition that reads what this run materializes"
                + (firstPartition.map { " (its first is \($0))" } ?? "") + "; skipped"
        }
    }

    public var steps: [PlannedStep]
    public var skipped: [Skip]

    public init(steps: [PlannedStep], skipped: [Skip]) {
        self.steps = steps
        self.skipped = skipped
    }
}
