import { describe, expect, it } from 'vitest';
import { sharedRange } from './curves.js';
import { endTicks, lineChart } from './svg-chart.js';

const labels = (svg: string, y: string) =>
  [
    ...svg.matchAll(new RegExp(`<text x="[\\d.]+" y="${y}" text-anchor="middle">([^<]+)<`, 'g')),
  ].map((m) => m[1]);

describe('lineChart axes', () => {
  it('labels both ends of the epoch axis: 1..12 in steps of 2 keeps 1 and 12, drops 2', () => {
    // step 2 (12 epochs, about 10 ticks); 2 is within half a step of 1, so it is dropped.
    expect(endTicks(1, 12, 10)).toEqual([1, 4, 6, 8, 10, 12]);
    expect(endTicks(1, 5, 4)).toEqual([1, 2, 3, 4, 5]);
  });

  it('ends the y axis on labelled round values around the data', () => {
    const svg = lineChart({
      title: 't',
      xLabel: 'epoch',
      yLabel: 'loss',
      series: [{ name: 'loss', values: [0.62, 0.31], color: 'red' }],
    });
    // Data 0.31..0.62, step 0.1 (span 0.31 / 6 → 0.1 rounded up): the axis runs 0.3..0.7.
    const yLabels = [...svg.matchAll(/text-anchor="end">([^<]+)</g)].map((m) => m[1]);
    expect(yLabels).toEqual(['0.3', '0.4', '0.5', '0.6', '0.7']);
    expect(labels(svg, '348')).toEqual(['1', '2']);
  });

  it('puts marker labels above the plot area, clear of the curves', () => {
    const svg = lineChart({
      title: 't',
      xLabel: 'epoch',
      yLabel: 'loss',
      series: [{ name: 'loss', values: [3, 2, 1], color: 'red' }],
      markers: [
        { x: 2, label: 'best 2' },
        { x: 3, label: 'stop 3' },
      ],
    });
    const frameTop = Number(svg.match(/<rect x="70" y="([\d.]+)"/)?.[1]);
    expect(frameTop).toBe(40 + 2 * 16);
    for (const label of ['best 2', 'stop 3']) {
      const y = Number(svg.match(new RegExp(`y="([\\d.]+)"[^>]*>${label}<`))?.[1]);
      expect(y).toBeLessThan(frameTop);
    }
  });

  it('shares one y range between charts shown side by side', () => {
    const range = sharedRange(
      [
        { loss: [0.5, 0.4], val_loss: [0.45] },
        { loss: [0.9], val_loss: [0.2] },
      ],
      'loss',
    );
    expect(range).toEqual([0.2, 0.9]);
    const svgA = lineChart({
      title: 'a',
      xLabel: 'x',
      yLabel: 'y',
      yRange: range,
      series: [{ name: 'a', values: [0.5, 0.4], color: 'red' }],
    });
    const svgB = lineChart({
      title: 'b',
      xLabel: 'x',
      yLabel: 'y',
      yRange: range,
      series: [{ name: 'b', values: [0.9, 0.2], color: 'red' }],
    });
    const yLabels = (svg: string) =>
      [...svg.matchAll(/text-anchor="end">([^<]+)</g)].map((m) => m[1]);
    expect(yLabels(svgA)).toEqual(yLabels(svgB));
    // Span 0.7 / 6 = 0.117 → step 0.2; 0.2..0.9 widens to 0.2..1.
    expect(yLabels(svgA)).toEqual(['0.2', '0.4', '0.6', '0.8', '1']);
  });
});
