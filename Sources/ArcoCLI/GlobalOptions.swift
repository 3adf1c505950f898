import ArgumentParser

/// Options every workspace command takes.
struct GlobalOptions: ParsableArguments {
    @Option(
        name: .long, help: ArgumentHelp("The workspace folder (default: the nearest folder with an arco.yaml).",
            valueName: "dir"), completion: .directory)
    var workspace: String?
}

/// The `--json` switch of commands that print data.
struct OutputOptions: ParsableArguments {
    @Flag(name: .long, help: "Print one JSON document (field names in docs/cli.md).")
    var json = false
}
