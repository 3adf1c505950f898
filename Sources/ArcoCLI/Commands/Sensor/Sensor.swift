import ArcoCore
import ArgumentParser

extension ArcoCommand {
    /// `arco sensor eval|push|cursor|start|stop|list|history`.
    struct Sensor: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "sensor",
            abstract: "Turn outside events into runs exactly once, with a cursor you can see and set.",
            discussion: """
                A poll sensor runs its command at most every min_interval and reads run requests \
                from the JSON it prints; a push sensor takes messages from `arco sensor push`, one \
                evaluation per message id; an asset sensor requests a run of its target for each new \
                materialization of the assets it watches. Every evaluation is recorded with the \
                cursor before and after; of two overlapping evaluations only one moves the cursor. \
                Run keys are scoped to the sensor (sensor:{sensor}:{key}), so a key returned again \
                never runs twice. See docs/sensors.md.
                """,
            subcommands: [Eval.self, Push.self, Cursor.self, Start.self, Stop.self, List.self, History.self]
        )
    }
}
