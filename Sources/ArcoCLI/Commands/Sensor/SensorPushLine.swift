/// The plain form of `arco sensor push` a webhook relay runs once per message, recognised
/// without building the argument parser (a third of a short command's time, as for `schedule
/// tick`): `sensor push NAME --message-id ID [--payload FILE] [--no-launch] [--json]
/// [--workspace DIR]`. Anything else (help, `=` forms, unknown options, a name that looks like
/// an option) returns nil and goes through the parser, which then reports errors as usual.
struct SensorPushLine: Equatable {
    var name: String
    var messageID: String
    var payload: String?
    var noLaunch = false
    var json = false
    var workspace: String?

    init?(_ words: [String]) {
        guard words.count >= 5, words[0] == "sensor", words[1] == "push" else { return nil }
        var name: String?
        var messageID: String?
        var index = 2
        while index < words.count {
            let word = words[index]
            let value = index + 1 < words.count ? words[index + 1] : nil
            switch word {
            case "--message-id", "--payload", "--workspace":
                guard let value, !value.hasPrefix("--") else { return nil }
                if word == "--message-id" { messageID = value }
                if word == "--payload" { payload = value }
                if word == "--workspace" { workspace = value }
                index += 2
                continue
            case "--no-launch": noLaunch = true
            case "--json": json = true
            default:
                guard !word.hasPrefix("-"), name == nil else { return nil }
                name = word
            }
            index += 1
        }
        guard let name, let messageID else { return nil }
        self.name = name
        self.messageID = messageID
    }
}
