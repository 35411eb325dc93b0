#if canImport(Glibc)
import Glibc
#endif

/// How many cores this process may use.
enum ProcessorCount {
    static var active: Int { max(1, Int(sysconf(Int32(_SC_NPROCESSORS_ONLN)))) }
}
