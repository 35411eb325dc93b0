import Dispatch
import Testing

@testable import EventLog

/// A counter guarded by a `ConditionLock`: `@unchecked` because every access holds the lock.
private final class Guarded: @unchecked Sendable {
    let lock = ConditionLock()
    var value = 0
    var log: [String] = []
}

@Suite("ConditionLock")
struct ConditionLockTests {
    @Test("a waiter sleeps until another thread's change, then sees it; steps alternate in order")
    func pingPong() {
        let shared = Guarded()
        let done = DispatchSemaphore(value: 0)
        DispatchQueue(label: "odd").async {
            for step in stride(from: 1, through: 99, by: 2) {
                shared.lock.withLock {
                    while shared.value != step - 1 { shared.lock.wait() }
                    shared.value = step
                }
            }
            done.signal()
        }
        for step in stride(from: 2, through: 100, by: 2) {
            shared.lock.withLock {
                while shared.value != step - 1 { shared.lock.wait() }
                shared.value = step
            }
        }
        done.wait()
        #expect(shared.lock.withLock { shared.value } == 100)
    }

    @Test("while a holder runs work unlocked, another thread can take the lock")
    func unlockedLetsOthersIn() {
        let shared = Guarded()
        let entered = DispatchSemaphore(value: 0)
        shared.lock.withLock {
            shared.log.append("holder")
            shared.lock.unlocked {
                DispatchQueue(label: "other").async {
                    shared.lock.withLock { shared.log.append("other") }
                    entered.signal()
                }
                // Would never return if `unlocked` kept the lock: the other thread could not enter.
                entered.wait()
            }
            shared.log.append("holder again")
        }
        #expect(shared.lock.withLock { shared.log } == ["holder", "other", "holder again"])
    }
}
