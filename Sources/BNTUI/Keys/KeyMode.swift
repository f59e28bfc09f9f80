/// What the keys act on now, so the footer shows the keys that work here and the help starts
/// with them: live runs, a replay, a lesson, or the dialog open over the workbench.
public enum KeyMode: String, Sendable, Hashable, CaseIterable {
    /// Live runs: experiments, runs and charts.
    case live = "Live runs"
    /// Replaying or comparing saved runs.
    case replay = "Replay"
    /// A lesson played over a replay.
    case lesson = "Lesson"
    /// The saved-runs browser.
    case runsBrowser = "Saved runs browser"
    /// The key help.
    case help = "Help"
    /// The configuration differences of the compared runs.
    case configDiff = "Config diff"
    /// Choosing the variants to run.
    case variantPicker = "Variant picker"
    /// Confirming quit while runs are active.
    case confirmQuit = "Quit?"
    /// The playground's form.
    case playground = "Playground"

    /// The mode of `state`: its overlay if one is open, else lesson, replay or live.
    public static func current(_ state: WorkbenchState) -> KeyMode {
        switch state.overlay {
        case .help: return .help
        case .confirmQuit: return .confirmQuit
        case .variantPicker: return .variantPicker
        case .configDiff: return .configDiff
        case .runsBrowser: return .runsBrowser
        case .playground: return .playground
        case nil: break
        }
        return beneath(state)
    }

    /// The mode under any dialog: lesson, replay or live.
    public static func beneath(_ state: WorkbenchState) -> KeyMode {
        if state.lesson != nil { return .lesson }
        return state.replay != nil ? .replay : .live
    }

    /// Whether the mode is a dialog over the workbench (its keys replace the workbench's).
    public var isOverlay: Bool { ![.live, .replay, .lesson].contains(self) }

    /// The actions that start or steer training, left out of the live hints when the backend
    /// does not train (`bnlab watch`).
    static let trainingActions: Set<KeyAction> = [.run, .cancelRun, .togglePause, .playground]

    /// The footer's hints in this mode, most useful first; the footer drops the last ones that do
    /// not fit, but never ``essentialHints(unicode:)``. `trains`: false leaves out ``trainingActions``.
    /// A lesson's depend on its `lesson` stage: `N` starts it from the too-short notice; once over,
    /// only going back and restarting.
    func hints(unicode: Bool, trains: Bool = true, lesson: LessonStage = .steps) -> [KeyHint] {
        let a = { (action: KeyAction, hint: String) in
            KeyHint.action(action, hint, unicode: unicode, firstKeyOnly: self != .live)
        }
        switch self {
        case .live:
            // Every binding with a footer hint, in table order (new hinted bindings show up here).
            return KeyBindings.all.filter { $0.hint != nil && $0.group != .replay || $0.action == .toggleRunsBrowser }
                .filter { trains || !Self.trainingActions.contains($0.action) }
                .compactMap { b in b.hint.map { KeyHint(keys: b.footerKeysLabel(unicode: unicode), hint: $0) } }
                .filter { !essentialHints(unicode: unicode).contains($0) }
        case .replay:
            return [a(.togglePause, "play"), a(.replayStepForward, "step"), a(.replayStepBack, "back"),
                    a(.nextChart, "chart"), a(.backToLive, "live"), a(.toggleRunsBrowser, "saved"),
                    a(.replayEpochForward, "epoch"), a(.configDiff, "diff"), a(.toggleNotes, "notes"),
                    a(.nextLayer, "layer"), a(.replayStart, "start"), a(.replayEnd, "end")].compactMap { $0 }
        case .lesson:
            let steps = switch lesson {
            case .intro: [a(.nextLessonStep, "start the lesson")]
            case .steps: [a(.revealAnswer, "answer"), a(.nextLessonStep, "next step"), a(.previousLessonStep, "back"),
                          a(.restartLesson, "restart")]
            case .over: [a(.restartLesson, "restart"), a(.previousLessonStep, "back")]
            }
            return (steps + [KeyHint(keys: Key.character(" ").label(unicode: unicode), hint: "play"),
                             a(.nextChart, "chart"), a(.toggleNotes, "notes"), a(.replayStepForward, "step"),
                             a(.backToLive, "leave")]).compactMap { $0 }
        case .runsBrowser:
            return [KeyHint(keys: unicode ? "j/k ↑↓" : "j/k", hint: "move"), a(.markRun, "mark"),
                    a(.run, "open (marked: compare)")].compactMap { $0 }
        case .help:
            return [KeyHint(keys: unicode ? "j/k ↑↓" : "j/k", hint: "scroll"),
                    KeyHint(keys: Key.pageDown.label(unicode: unicode) + "/" + Key.pageUp.label(unicode: unicode), hint: "page"), KeyHint(keys: "g/G", hint: "top/end")]
        case .configDiff:
            return []
        case .variantPicker:
            return [KeyHint(keys: "j/k", hint: "choose"), KeyHint(keys: "0-9", hint: "pick row"),
                    KeyHint(keys: "Enter", hint: "run")]
        case .confirmQuit:
            return [KeyHint(keys: "y/Enter", hint: "quit")]
        case .playground:
            return PlaygroundKeys.hints(unicode: unicode)
        }
    }

    /// The hints the footer always shows in this mode: help and quit, or how to leave the dialog.
    func essentialHints(unicode: Bool) -> [KeyHint] {
        let a = { (action: KeyAction, hint: String) in KeyHint.action(action, hint, unicode: unicode) }
        switch self {
        case .live, .replay, .lesson: return [a(.help, "help"), a(.quit, "quit")].compactMap { $0 }
        case .runsBrowser: return [KeyHint(keys: "R/Esc", hint: "close")]
        case .help: return [KeyHint(keys: "?/Esc", hint: "close")]
        case .configDiff: return [KeyHint(keys: "D/Esc", hint: "close")]
        case .variantPicker: return [KeyHint(keys: "Esc", hint: "cancel")]
        case .confirmQuit: return [KeyHint(keys: "n/Esc", hint: "keep working")]
        case .playground: return [KeyHint(keys: "Esc", hint: "cancel")]
        }
    }
}
