#if canImport(Glibc)
import Glibc
#endif
import Foundation
import EventLog
import IronCageCLI

// Writing to a closed pipe (`ironcage trail … | head`) must end quietly, not kill us mid-commit.
signal(SIGPIPE, SIG_IGN)

let context = CommandContext(
    stdout: FileDescriptorSink(fileDescriptor: STDOUT_FILENO),
    stderr: FileDescriptorSink(fileDescriptor: STDERR_FILENO),
    stdin: FileDescriptorSource(fileDescriptor: STDIN_FILENO, name: "<stdin>"),
    environment: ProcessInfo.processInfo.environment,
    currentDirectory: FileManager.default.currentDirectoryPath
)
exit(IronCage.run(Array(CommandLine.arguments.dropFirst()), context: context))
