import type { CountryFigures } from '@tradeflow/contract';
import { geoEqualEarth, geoPath } from 'd3-geo';
import type { Feature, FeatureCollection, Geometry } from 'geojson';
import { feature } from 'topojson-client';
import type { GeometryCollection, Topology } from 'topojson-specification';
// The geometry is a hashed file of this build, fetched from the page's own server once.
import worldUrl from 'world-atlas/countries-110m.json?url';
import { classBounds, legendEntries, shadeOf } from '../lib/color-scale';
import { ALPHA2_TO_NUMERIC } from '../lib/country-codes';
import type { Formats } from '../lib/format';
import { element, setText } from './dom';

const SVG = 'http://www.w3.org/2000/svg';
const WIDTH = 960;
const ANTARCTICA = '010';
/** Countries with trades that the 110m map does not draw (Singapore, Malta…), listed below it. */
const EXTRA_LISTED = 5;

type CountryFeature = Feature<Geometry, { name: string }> & { id?: string | number };

interface Shape {
  path: SVGPathElement;
  name: string;
  alpha2: string | undefined;
  shade: string;
}

/**
 * Trades per originating country on a world map (world-atlas 110m, Equal Earth projection), one
 * SVG path a country, drawn once. Updates only recolour the countries that changed, or all of
 * them when the classes move (rarely: their bounds are rounded). Hover or tap shows a country's
 * figures; the legend gives each shade's range.
 */
export class WorldMap {
  private readonly shapes = new Map<string, Shape>();
  private readonly numericToAlpha2 = new Map<string, string>();
  private bounds: number[] = [];
  private boundsKey = '';
  private loaded = false;
  private hovered: Shape | undefined;
  private countries: ReadonlyMap<string, CountryFigures> = new Map();

  constructor(
    private readonly container: HTMLElement,
    private readonly tooltip: HTMLElement,
    private readonly legend: HTMLElement,
    private readonly extra: HTMLElement,
    private readonly formats: Formats,
  ) {
    for (const [alpha2, numeric] of Object.entries(ALPHA2_TO_NUMERIC)) this.numericToAlpha2.set(numeric, alpha2);
  }

  /** Fetches and draws the geometry; until then render() only remembers the figures. */
  async load(): Promise<void> {
    const response = await fetch(worldUrl);
    if (!response.ok) throw new Error(`the map's geometry: HTTP ${response.status}`);
    const topology = (await response.json()) as Topology<{ countries: GeometryCollection<{ name: string }> }>;
    const all = feature(topology, topology.objects.countries) as FeatureCollection<Geometry, { name: string }>;
    const features = (all.features as CountryFeature[]).filter((country) => String(country.id) !== ANTARCTICA);
    const collection: FeatureCollection<Geometry, { name: string }> = { type: 'FeatureCollection', features };
    const projection = geoEqualEarth().fitWidth(WIDTH, collection);
    const path = geoPath(projection).digits(1);
    const [[, top], [, bottom]] = path.bounds(collection);
    const svg = document.createElementNS(SVG, 'svg');
    svg.setAttribute('viewBox', `0 ${Math.floor(top)} ${WIDTH} ${Math.ceil(bottom - top)}`);
    svg.setAttribute('preserveAspectRatio', 'xMidYMid meet');
    svg.setAttribute('role', 'img');
    svg.setAttribute('aria-label', 'World map, countries shaded by the number of trades placed from them');
    for (const country of features) {
      const d = path(country);
      if (!d) continue;
      const node = document.createElementNS(SVG, 'path');
      node.setAttribute('d', d);
      const id = country.id === undefined ? '' : String(country.id).padStart(3, '0');
      const alpha2 = this.numericToAlpha2.get(id);
      const shape: Shape = { path: node, name: country.properties?.name ?? '', alpha2, shade: '' };
      if (alpha2) {
        node.dataset['cc'] = alpha2;
        this.shapes.set(alpha2, shape);
      }
      node.setAttribute('fill', shadeOf(0, []));
      shape.shade = node.getAttribute('fill') as string;
      svg.appendChild(node);
      // Shapes without a code (disputed areas) stay grey and still show their name.
      (node as SVGPathElement & { shape?: Shape }).shape = shape;
    }
    this.container.replaceChildren(svg);
    this.listen(svg);
    this.loaded = true;
    this.render(this.countries, 'all');
  }

  render(countries: ReadonlyMap<string, CountryFigures>, changed: ReadonlySet<string> | 'all'): void {
    this.countries = countries;
    let max = 0;
    for (const figures of countries.values()) if (figures.count > max) max = figures.count;
    const bounds = classBounds(max);
    const key = bounds.join(',');
    let recolour: Iterable<string> = changed === 'all' ? this.shapes.keys() : changed;
    if (key !== this.boundsKey) {
      this.bounds = bounds;
      this.boundsKey = key;
      this.renderLegend(max);
      recolour = this.shapes.keys();
    }
    if (this.loaded) {
      for (const code of recolour) {
        const shape = this.shapes.get(code);
        if (!shape) continue;
        const count = countries.get(code)?.count ?? 0;
        const shade = shadeOf(count, this.bounds);
        if (shade !== shape.shade) {
          shape.path.setAttribute('fill', shade);
          shape.shade = shade;
        }
        const value = count > 0 ? String(count) : '';
        if ((shape.path.dataset['count'] ?? '') !== value) {
          if (value) shape.path.dataset['count'] = value;
          else delete shape.path.dataset['count'];
        }
      }
      this.renderExtra(countries);
    }
    if (this.hovered) this.fillTooltip(this.hovered);
  }

  private renderLegend(max: number): void {
    const items: HTMLElement[] = [];
    const none = element('span');
    none.append(swatch(shadeOf(0, [])), 'none');
    items.push(none);
    if (max > 0) {
      for (const entry of legendEntries(this.bounds)) {
        const item = element('span');
        const range =
          entry.from === entry.to
            ? this.formats.count(entry.to)
            : `${this.formats.count(entry.from)}–${this.formats.count(entry.to)}`;
        item.append(swatch(entry.shade), range);
        items.push(item);
      }
    }
    const title = element('span', undefined, 'trades:');
    this.legend.replaceChildren(title, ...items);
  }

  /** The busiest countries the map cannot show (too small at this scale). */
  private renderExtra(countries: ReadonlyMap<string, CountryFigures>): void {
    const hidden: CountryFigures[] = [];
    for (const [code, figures] of countries) if (!this.shapes.has(code) && figures.count > 0) hidden.push(figures);
    hidden.sort((a, b) => b.count - a.count);
    const text = hidden.length
      ? `Not drawn at this scale: ${hidden
          .slice(0, EXTRA_LISTED)
          .map((figures) => `${figures.country} ${this.formats.count(figures.count)}`)
          .join(' · ')}${hidden.length > EXTRA_LISTED ? ` · +${hidden.length - EXTRA_LISTED} more` : ''}`
      : '';
    setText(this.extra, text);
  }

  private listen(svg: SVGSVGElement): void {
    const shapeAt = (target: EventTarget | null) => (target as (SVGPathElement & { shape?: Shape }) | null)?.shape;
    const show = (event: PointerEvent) => {
      const shape = shapeAt(event.target);
      if (!shape) return this.hide();
      if (shape !== this.hovered) {
        this.hovered?.path.classList.remove('hover');
        shape.path.classList.add('hover');
        // On top, so that its outline is not hidden by its neighbours.
        shape.path.parentNode?.appendChild(shape.path);
        this.hovered = shape;
        this.fillTooltip(shape);
      }
      this.place(event);
    };
    svg.addEventListener('pointermove', show);
    svg.addEventListener('pointerdown', show);
    svg.addEventListener('pointerleave', (event) => {
      if (event.pointerType === 'mouse') this.hide();
    });
  }

  private hide(): void {
    this.hovered?.path.classList.remove('hover');
    this.hovered = undefined;
    this.tooltip.hidden = true;
  }

  private fillTooltip(shape: Shape): void {
    const figures = shape.alpha2 ? this.countries.get(shape.alpha2) : undefined;
    const name = shape.alpha2 ? `${this.formats.countryName(shape.alpha2)} (${shape.alpha2})` : shape.name;
    const lines: HTMLElement[] = [element('strong', undefined, name)];
    if (!figures || figures.count === 0) {
      lines.push(element('div', 'muted', 'no trades'));
    } else {
      lines.push(element('div', 'value', `${this.formats.count(figures.count)} trades`));
      const sold = Object.entries(figures.sold).sort(([a], [b]) => (a < b ? -1 : 1));
      for (const [currency, amount] of sold.slice(0, 6)) {
        lines.push(element('div', 'value', `${this.formats.amount(amount)} ${currency} sold`));
      }
      if (sold.length > 6) lines.push(element('div', 'muted', `+${sold.length - 6} more currencies`));
    }
    this.tooltip.replaceChildren(...lines);
    this.tooltip.hidden = false;
  }

  private place(event: PointerEvent): void {
    const card = this.tooltip.offsetParent as HTMLElement | null;
    if (!card) return;
    const box = card.getBoundingClientRect();
    const width = this.tooltip.offsetWidth;
    const height = this.tooltip.offsetHeight;
    let left = event.clientX - box.left + 14;
    let top = event.clientY - box.top + 14;
    if (left + width > box.width - 4) left = Math.max(4, event.clientX - box.left - width - 14);
    if (top + height > box.height - 4) top = Math.max(4, event.clientY - box.top - height - 14);
    this.tooltip.style.transform = `translate(${Math.round(left)}px, ${Math.round(top)}px)`;
  }
}

function swatch(colour: string): HTMLElement {
  const node = element('span', 'swatch');
  node.style.background = colour;
  return node;
}
