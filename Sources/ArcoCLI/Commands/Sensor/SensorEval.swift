import ArcoCore
import ArcoEngine
import ArgumentParser

extension ArcoCommand.Sensor {
    /// `arco sensor eval`.
    struct Eval: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "eval",
            abstract: "Evaluate poll and asset sensors and start the runs they request.",
            discussion: """
                Without names, every running poll and asset sensor that is due. A poll sensor \
                evaluated again before its min_interval (default 30s) is TOO_SOON: nothing is \
                recorded and the next allowed time is printed; --force evaluates anyway (a stopped \
                sensor too, when named). A failing command (non-zero exit, output that is not the JSON answer, \
                over 1 MiB, past its timeout) is an ERROR with the reason and the cursor is kept. \
                Exit status 1 when any evaluation is an ERROR, 0 otherwise. --json prints \
                {"evaluations": [evaluation…]} in name order, with the evaluation object of \
                docs/json.md.
                """
        )

        @Argument(
            help: ArgumentHelp("Only these sensors (default: every running poll and asset sensor).", valueName: "sensor"),
            completion: CompletionCandidates.sensors)
        var names: [String] = []

        @Flag(help: "Evaluate even if the minimum interval has not passed (a named sensor even if stopped).")
        var force = false

        @Flag(help: "Queue the requested runs without starting workers.")
        var noLaunch = false

        @OptionGroup var time: ScheduleNowOptions
        @OptionGroup var global: GlobalOptions
        @OptionGroup var output: OutputOptions

        func run() async throws {
            let context = try CommandContext(global, json: output.json)
            let json = output.json
            var stopped: Set<String> = []
            let report = try context.engine.sensorEval(
                names: names, now: time.instant, force: force, launch: noLaunch ? .queueOnly : .launch
            ) { event in
                guard !json else { return }
                switch event {
                case .evaluated(let outcome): Console.out(SensorText.line(outcome))
                case .stopped(let name):
                    stopped.insert(name)
                    Console.out("\(name): stopped, not evaluated; use --force or `arco sensor start \(name)`")
                case .launched(let runID): Console.out("started a worker for run \(runID)")
                }
            }
            if json {
                JSONOutput.print(["evaluations": .array(report.evaluations.map { SensorJSON.evaluation($0) })])
            } else if names.isEmpty, report.evaluations.isEmpty {
                Console.out("no sensor due")
            } else {
                // A named sensor that printed nothing is an asset sensor with nothing new: say so
                // rather than leave the operator guessing.
                let evaluated = Set(report.evaluations.map(\.sensor))
                for name in Set(names).subtracting(evaluated).subtracting(stopped).sorted() {
                    Console.out("\(name): nothing new (no new materialization of a watched asset)")
                }
            }
            if report.evaluations.contains(where: { $0.status == .error }) { throw CommandFailure(status: .failure) }
        }
    }
}
