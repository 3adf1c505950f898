/// The declarative automation attached to one asset in the `automation:` section.
public struct AutomationPolicy: Sendable, Hashable {
    /// When the asset should be materialized without anyone asking.
    public enum Condition: Sendable, Hashable {
        /// Whenever an upstream asset changes (Dagster's `AutomationCondition.eager()`).
        case eager
        /// When the asset (or partition) has never been materialized.
        case onMissing
        /// Once per tick of the cron, after upstream data arrived (`on_cron("0 * * * *")`).
        case onCron(CronSyntax, timezone: String)

        /// The spelling in `arco.yaml`.
        public var text: String {
            switch self {
            case .eager: "eager"
            case .onMissing: "on_missing"
            case .onCron(let cron, _): "on_cron(\"\(cron.text)\")"
            }
        }
    }

    /// The condition.
    public var condition: Condition
    /// Whether the condition is evaluated; `true` unless written `enabled: false`.
    public var isEnabled: Bool

    /// Creates a policy.
    public init(condition: Condition, isEnabled: Bool = true) {
        self.condition = condition
        self.isEnabled = isEnabled
    }
}
