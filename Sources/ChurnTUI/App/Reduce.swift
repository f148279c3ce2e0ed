/// The next state after an action. Pure: no terminal, no I/O, so every key sequence can be tested.
public func reduce(_ state: AppState, _ action: Action) -> AppState {
    var next = state
    switch action {
    case .key(let key):
        if key != .resize { next.message = nil }
        if key == .resize { return next }
        guard let mapped = state.keyMap.action(for: key) else { return next }
        if state.overlay == .help {
            // With the help open, scrolling keys close it; help, Esc and quit keep their meaning.
            switch mapped {
            case .toggleHelp, .closeOverlay, .quit, .interrupt: return reduce(next, mapped)
            default:
                next.overlay = nil
                return next
            }
        }
        return reduce(next, mapped)
    case .resize(let size):
        next.size = size
        next.screen = reduceScreen(next, action)
    case .scroll:
        next.screen = reduceScreen(next, action)
    case .toggleHelp:
        next.overlay = state.overlay == .help ? nil : .help
    case .closeOverlay:
        next.overlay = nil
    case .quit, .terminate:
        next.shouldQuit = true
    case .interrupt:
        // Nothing runs in the background yet, so Ctrl+C quits; later it cancels running work first.
        next.shouldQuit = true
    case .showMessage(let text):
        next.message = text
    }
    return next
}

/// Passes an action to the current screen.
private func reduceScreen(_ state: AppState, _ action: Action) -> AppState.Screen {
    switch state.screen {
    case .importPreview(let preview):
        return .importPreview(preview.reduced(action, size: state.size, glyphs: state.glyphs))
    }
}
