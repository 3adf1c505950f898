import ArcoCore
import ArcoEngine
import ArgumentParser

extension ArcoCommand.Sensor {
    /// `arco sensor list`.
    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "list",
            abstract: "List sensors with their status, cursor, last evaluation and next allowed one.",
            discussion: """
                The status is the file's `status:` until `sensor start|stop` records one. The next \
                allowed evaluation is as of --now (default: now); none when a poll sensor is due. --json \
                prints {"sensors": [{"name", "kind", "target", "status", "status_source", "cursor", \
                "state_version", "last_evaluation", "next_evaluation"}]}, last_evaluation being the \
                evaluation object of docs/json.md.
                """
        )

        @OptionGroup var time: ScheduleNowOptions
        @OptionGroup var global: GlobalOptions
        @OptionGroup var output: OutputOptions

        func run() async throws {
            let context = try CommandContext(global, json: output.json)
            let listings = try context.engine.sensorList(now: time.instant)
            if output.json {
                JSONOutput.print(["sensors": .array(listings.map(SensorJSON.listing))])
                return
            }
            guard !listings.isEmpty else {
                Console.out("no sensors; declare one under `sensors:` in arco.yaml")
                return
            }
            let rows = listings.map { listing in
                [
                    listing.sensor.name.rawValue, listing.sensor.kind.name, listing.status.rawValue,
                    listing.state.cursor.map { String($0.prefix(24)) } ?? "-",
                    listing.lastEvaluation.map { "\($0.evaluatedAt?.iso8601 ?? "-") \($0.status.rawValue)" } ?? "-",
                    listing.nextAllowed?.iso8601 ?? "-",
                ]
            }
            for line in RunText.table(["SENSOR", "KIND", "STATUS", "CURSOR", "LAST EVALUATION", "NEXT ALLOWED"], rows) {
                Console.out(line)
            }
        }
    }
}
