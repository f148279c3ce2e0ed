import ChurnKit

extension EffectRunner {
    /// Carries out an effect of the Customer tab. Notes are written on the UI thread at once (one small
    /// insert), so a note typed just before quitting is never lost; reading notes, templates and fitting
    /// the purchase model run in the background.
    func performCustomer(_ effect: CustomerEffect, state: AppState) {
        let workspace = self.workspace, queue = self.queue
        switch effect {
        case .loadNotes(let id):
            background.async {
                do {
                    queue.post(.customer(.notesLoaded(customerID: id, notes: try workspace.notes(customerID: id))))
                } catch {
                    queue.post(.customer(.notesFailed(customerID: id, message: Self.describe(error))))
                }
            }
        case .saveNote(let id, let body, let supersedes):
            do {
                let note = try workspace.addNote(customerID: id, body: body, supersedes: supersedes)
                queue.post(.customer(.noteSaved(note)))
            } catch {
                queue.post(.customer(.noteFailed(customerID: id, body: body, message: Self.describe(error))))
            }
        case .loadHistory:
            guard let analysis = state.analysis else { return }
            let loaded = analysis.population.loaded, horizon = analysis.record.horizonDays
            background.async {
                do {
                    queue.post(.customer(.historyLoaded(Shared(try CustomerHistory.build(loaded: loaded, horizonDays: horizon)))))
                } catch {
                    queue.post(.customer(.historyFailed(Self.describe(error))))
                }
            }
        case .loadTemplates:
            background.async {
                do {
                    queue.post(.customer(.templatesLoaded(try RecommendationTemplateFile.load())))
                } catch {
                    queue.post(.customer(.templatesFailed(Self.describe(error))))
                }
            }
        }
    }
}
