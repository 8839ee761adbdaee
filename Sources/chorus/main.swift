import ChorusCLI

// The whole program lives in ChorusCLI so it can be tested in-process; this file only runs it
// with the real terminal, environment and providers, and exits with its status.
let status = await ChorusMain.run(arguments: Array(CommandLine.arguments.dropFirst()), context: .live())
exitProcess(status)
