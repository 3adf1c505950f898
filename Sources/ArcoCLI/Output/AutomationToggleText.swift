import ArcoCore

/// What `schedule start|stop` and `sensor start|stop` print: the same answer for either kind.
enum AutomationToggleText {
    /// `noun` is "schedule" or "sensor", the JSON key naming it too.
    static func render(noun: String, name: String, status: AutomationStatus, changed: Bool, json: Bool) {
        if json {
            JSONOutput.print([noun: .string(name), "status": .string(status.rawValue), "changed": .bool(changed)])
            return
        }
        let word = status == .running ? "running" : "stopped"
        Console.out(changed ? "\(noun) '\(name)' is now \(word)" : "\(noun) '\(name)' was already \(word)")
    }
}
