import type { FashionData } from '../data/load-data.js';
import { runDropoutGap } from './dropout-gap.js';
import { runEarlyStopping } from './early-stopping.js';
import { bindExperiment } from './experiment-ui.js';
import { runVanishingGradients } from './vanishing-gradients.js';

/** Wires the three teaching experiments to their cards. */
export function setupExperiments(data: FashionData): void {
  bindExperiment('exp-vanishing', (ui) => runVanishingGradients(data, ui));
  bindExperiment('exp-dropout', (ui) => runDropoutGap(data, ui));
  bindExperiment('exp-early', (ui) => runEarlyStopping(data, ui));
}
