/// Process exit statuses, after BSD sysexits(3) where one fits.
public enum ExitStatus: Int32, Sendable {
    case success = 0
    /// A check failed: `verify` found the log altered.
    case failure = 1
    /// The command line was wrong (EX_USAGE).
    case usage = 64
    /// The input data was wrong: rejected lines, a bad rule file (EX_DATAERR).
    case dataError = 65
    /// An input file was missing or unreadable (EX_NOINPUT).
    case noInput = 66
    /// An internal error (EX_SOFTWARE).
    case software = 70
    /// Reading or writing failed: the database, an output file (EX_IOERR).
    case ioError = 74
}
