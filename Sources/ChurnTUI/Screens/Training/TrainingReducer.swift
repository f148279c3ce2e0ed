import ChurnKit

/// Applies the actions of a training run: starting it, the progress panel, cancelling, quitting while
/// it works, and the app becoming the workspace app over the new scores when it finishes.
enum TrainingReducer {
    /// Applies one training action.
    static func reduce(_ state: inout AppState, _ action: TrainingAction) {
        switch action {
        case .trainOrShow:
            if state.training.isRunning {
                togglePanel(&state)
            } else if let plan = state.preview?.trainingPlan {
                start(plan, in: &state)
            } else {
                state.message = "nothing to train here: open a data file with churn open FILE"
            }
        case .retrain:
            if state.training.isRunning {
                state.overlay = .training
                state.message = "a training run is already going on"
            } else if let plan = state.training.retrainPlan?.value ?? state.preview?.trainingPlan {
                start(plan, in: &state)
            } else {
                state.message = "the data file of these scores is not known: train with churn open FILE"
            }
        case .togglePanel:
            togglePanel(&state)
        case .cancel:
            cancel(&state)
        case .shiftHorizon(let step):
            guard var preview = state.preview, preview.horizon != nil else {
                state.message = "no horizon to choose: this data set has its own churn label"
                return
            }
            guard !state.training.isRunning else {
                state.message = "training is running with the horizon chosen before"
                return
            }
            preview.shiftHorizon(step, layoutWidth: state.previewSize.width, glyphs: state.glyphs)
            state.preview = preview
        case .answerQuit(let yes):
            state.training.confirmingQuit = false
            if yes {
                cancel(&state)
                state.shouldQuit = true
            } else {
                state.message = "still training; T shows the progress"
            }
        case .progress(let event):
            guard state.training.isRunning else { return }
            state.training.take(event)
            state.work = state.training.statusText
        case .trained(let rows, let version):
            guard state.training.isRunning else { return }
            state.training.phase = .scoring
            state.training.leaderboard = rows
            state.training.savedVersion = version
            state.training.append("saved model version \(version); scoring every customer")
            state.work = state.training.statusText
        case .finished(let data, let threshold, let summary):
            finish(&state, data: data.value, threshold: threshold, summary: summary)
        case .failed(let message):
            state.training.phase = .failed(message)
            state.training.append("failed: " + message)
            state.training.confirmingQuit = false
            endWork(&state)
            state.overlay = .training
            state.message = "training failed: " + message
        case .cancelled:
            state.training.phase = .cancelled
            state.training.append("cancelled: the run is recorded as cancelled, no model was saved")
            state.training.confirmingQuit = false
            endWork(&state)
            state.message = "training cancelled"
        }
    }

    /// The key handling of the progress panel; true when the panel used the key.
    ///
    /// Esc and Ctrl+C cancel a running run (and close the panel of an ended one); t, T and Enter hide it.
    /// Other keys go on to the screen below, which stays usable.
    static func handlePanelKey(_ state: inout AppState, _ key: Key) -> Bool {
        switch key {
        case .escape, .ctrl("c"):
            if state.training.isRunning {
                cancel(&state)
            } else {
                state.overlay = nil
            }
            return true
        case .char("t"), .char("T"), .enter:
            state.overlay = nil
            return true
        default:
            return false
        }
    }

    /// The answer to "quit while training?": y confirms, any other key keeps the app running.
    static func answerQuitKey(_ state: inout AppState, _ key: Key) {
        reduce(&state, .answerQuit(key == .char("y") || key == .char("Y")))
    }

    /// `q`: quits at once when nothing runs, otherwise asks first.
    static func quit(_ state: inout AppState) {
        if state.training.isRunning {
            state.training.confirmingQuit = true
            state.message = "Training is running. Quit and cancel it? y quits, any other key keeps training"
        } else {
            state.shouldQuit = true
        }
    }

    /// Ctrl+C or SIGINT: cancels a running run (a second one quits), otherwise quits.
    static func interrupt(_ state: inout AppState) {
        if state.training.isRunning, !state.training.cancelRequested {
            cancel(&state)
        } else {
            state.shouldQuit = true
        }
    }

    // MARK: Steps

    /// Starts a run of `plan` in the background and shows its panel.
    static func start(_ plan: TrainingPlan, in state: inout AppState) {
        let run = TrainingRun()
        state.training.begin(plan, run: run)
        // `:train` later trains the same file the same way.
        state.training.retrainPlan = Shared(plan)
        state.overlay = .training
        state.isBusy = true
        state.work = state.training.statusText
        state.request(.training(.start(Shared(plan), Shared(run))))
    }

    private static func togglePanel(_ state: inout AppState) {
        if state.overlay == .training {
            state.overlay = nil
        } else if state.training.phase == .idle {
            state.message = state.data == nil ? "no training run yet: t starts one" : "no training run yet: :train starts one"
        } else {
            state.overlay = .training
        }
    }

    private static func cancel(_ state: inout AppState) {
        guard state.training.isRunning, let run = state.training.run else { return }
        guard state.training.phase != .scoring else {
            state.message = "the model is already saved; scoring ends in a moment"
            return
        }
        guard !state.training.cancelRequested else { return }
        state.training.cancelRequested = true
        state.training.append("cancelling...")
        state.work = state.training.statusText
        state.message = "cancelling training..."
        state.request(.training(.cancel(run)))
    }

    private static func endWork(_ state: inout AppState) {
        state.isBusy = false
        state.work = nil
    }

    /// The app becomes the workspace app over the new scores (keeping the tab shown, when it exists).
    private static func finish(_ state: inout AppState, data: WorkspaceData, threshold: Double, summary: String) {
        var training = state.training
        training.phase = .finished
        training.confirmingQuit = false
        training.append(summary)
        var next = AppState.workspace(data, threshold: threshold, size: state.size, user: state.user,
                                      glyphs: state.glyphs, asciiOnly: state.asciiOnly)
        if state.data != nil, next.tabs.contains(state.tab) { next.tab = state.tab }
        next.training = training
        next.effects = state.effects
        next.message = summary
        next.request(.loadAnalysis)
        state = next
    }
}
