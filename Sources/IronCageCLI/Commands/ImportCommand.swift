/// `ironcage import`: turn other formats into envelope NDJSON.
enum ImportCommand: Command {
    static let spec = CommandSpec(
        path: ["import"],
        abstract: "Convert XES, CSV or OCDS into envelope NDJSON for ingest.",
        discussion: """
            Writes one envelope per event on stdout, checked as ingest will check it:
              zcat log.xes.gz | ironcage import xes - --dept gy.zwfw | ironcage ingest
            Problems go to stderr with their line number and never with a value.
            """,
        subcommands: [ImportXESCommand.spec, ImportCSVCommand.spec, ImportOCDSCommand.spec]
    )
    static let subcommands: [any Command.Type] = [ImportXESCommand.self, ImportCSVCommand.self, ImportOCDSCommand.self]

    static func run(_ arguments: ParsedArguments, in context: CommandContext) throws -> ExitStatus { .usage }
}
