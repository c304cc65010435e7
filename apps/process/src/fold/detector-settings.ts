import type { Provider } from '@nestjs/common';
import { DetectorEnvironment, type DetectorSettings, detectorSettings } from '@tradeflow/fold';
import { validateEnvironment } from '@tradeflow/platform';

/** The token of the detectors' thresholds. */
export const DETECTOR_SETTINGS = Symbol('DetectorSettings');

/**
 * The detectors' thresholds, validated from the environment at boot as verify reads them
 * (DetectorEnvironment, libs/fold): a bad value stops process naming the variable.
 */
export const detectorSettingsProvider: Provider<DetectorSettings> = {
  provide: DETECTOR_SETTINGS,
  useFactory: () => detectorSettings(validateEnvironment(DetectorEnvironment)(process.env)),
};

/** The thresholds in a line of the log. */
export function describeDetectors({ offMarket, velocity }: DetectorSettings): string {
  const sold = Object.entries(velocity.maxSold).map(([currency, max]) => ` or more than ${max} ${currency} sold`);
  return (
    `flagging rates more than ${offMarket.thresholdPercent} % from the median of a pair's last ` +
    `${offMarket.window} rates (once it has ${offMarket.minRates}), and users with more than ` +
    `${velocity.maxTrades} trades${sold.join('')} within ${velocity.windowMs / 1000} s`
  );
}
