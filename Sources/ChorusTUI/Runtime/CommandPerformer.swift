import Chorus
import Foundation
import Synchronization

/// Carries out the reducer's commands by calling the controller from tasks, so the UI thread
/// never waits on the engine. Each call's returned record comes back as `.controllerReturned`.
final class CommandPerformer<Controller: RunControlling>: Sendable {
    let controller: Controller
    let inbox: Inbox
    let saveDirectory: String
    let resolveVariant: VariantResolver?
    /// Calls in flight, awaited (briefly) when the UI closes so the record settles.
    let tasks = Mutex<[Task<Void, Never>]>([])

    init(controller: Controller, inbox: Inbox, saveDirectory: String, resolveVariant: VariantResolver? = nil) {
        self.resolveVariant = resolveVariant
        self.controller = controller
        self.inbox = inbox
        self.saveDirectory = saveDirectory
    }

    func start() {
        track(nil) { await $0.start() }
    }

    func run(_ command: UICommand) {
        let controller = self.controller
        switch command {
        case .retry(let worker): track(command) { await $0.retry(worker: worker) }
        case .retryFailed: track(command) { await $0.retryFailed() }
        case .reaggregate(let strategy): track(command) { await $0.reaggregate(strategy: strategy) }
        case .cancel(let worker): remember(Task { await controller.cancel(worker: worker) })
        case .cancelAll: remember(Task { await controller.cancelAll() })
        case .acceptPartial(let worker): track(command) { await $0.acceptPartial(worker: worker) }
        case .rerun(let worker, let change):
            // The settings resolve against the config's providers (the CLI's resolver); a bad
            // value is one line on the status line and nothing runs.
            guard let resolveVariant else {
                inbox.post(.rerunRefused(worker: worker, reason: "variant reruns need the config's providers; use chorus open FILE --rerun"))
                return
            }
            let inbox = self.inbox
            remember(Task {
                let base = await controller.record.workers[worker].spec
                switch resolveVariant(base, change) {
                case .success(let spec):
                    inbox.post(.controllerReturned(await controller.rerun(worker: worker, with: spec), after: command))
                case .failure(let error):
                    inbox.post(.rerunRefused(worker: worker, reason: error.message))
                }
            })
        case .retryVariant(let worker, let variant): track(command) { await $0.retry(worker: worker, variant: variant) }
        case .chooseVariant(let worker, let variant): track(command) { await $0.choose(worker: worker, variant: variant) }
        case .cancelMerge: remember(Task { await controller.cancelAggregation() })
        case .followUp(let message, let mode): track(command) { await $0.startTurn(message: message, mode: mode) }
        case .saveAnswer:
            // The whole run as `chorus export --format markdown` writes it (task, date, settings,
            // the answer and how it was made), from the controller's record: one renderer, one
            // document (issue 14). The reducer only offers `y` once the answer is shown.
            let inbox = self.inbox
            let directory = saveDirectory
            Task.detached {
                let document = MarkdownReport.render(
                    Conversation(turns: await controller.earlierTurns + [await controller.record]))
                do {
                    inbox.post(.saved(path: try AnswerFile.write(document, directory: directory)))
                } catch {
                    inbox.post(.saveFailed("\(error)"))
                }
            }
        case .copy(let text, let label):
            // The OSC 52 sequence was written by the UI loop; the file is the copy that always works.
            let inbox = self.inbox
            let directory = saveDirectory
            Task.detached {
                do {
                    let path = try AnswerFile.write(text, directory: directory, stem: "chorus-copy")
                    inbox.post(.copied(label: label, path: path, clipboard: OSC52.sequence(text) != nil))
                } catch {
                    inbox.post(.copyFailed("\(error)"))
                }
            }
        case .quit:
            break
        }
    }

    private func track(_ command: UICommand?, _ call: @escaping @Sendable (Controller) async -> RunRecord) {
        let controller = self.controller
        let inbox = self.inbox
        remember(Task { inbox.post(.controllerReturned(await call(controller), after: command)) })
    }

    private func remember(_ task: Task<Void, Never>) {
        tasks.withLock { $0.append(task) }
    }
}
