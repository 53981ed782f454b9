// Serveline console, statistics: GET /api/v1/statistics for a court (or all) and a date range (the server's default
// when left empty), shown as figures, a bar per serving channel and a table per day or week, and as two echarts
// charts (ADR 0022): the channel split (pie) and the time to serve (median and 90th percentile, in hours or, when all are shorter, minutes); the CSV
// exports (/api/v1/exports/tasks.csv, attempts.csv) for the same filter are fetched with the tab's credentials and
// saved.
(function () {
  'use strict';
  const { api, apiBlob, $, text, data, row, showError, whileBusy, t, label } = window.Serveline;
  let downloadUrl = null;
  const charts = {};

  function filter(withBucket) {
    const params = new URLSearchParams();
    const put = (name, value) => { if (value) params.set(name, value); };
    put('court', $('st-court').value.trim());
    put('from', $('st-from').value);
    put('to', $('st-to').value);
    if (withBucket) put('bucket', $('st-bucket').value);
    return params.toString();
  }

  function percent(share) {
    return share == null ? '—' : (share * 100).toFixed(1) + '%';
  }

  /** Seconds as days, hours and minutes, in the bundle's words. */
  function duration(seconds) {
    if (seconds == null) return '—';
    const d = Math.floor(seconds / 86400);
    const h = Math.floor((seconds % 86400) / 3600);
    const m = Math.floor((seconds % 3600) / 60);
    return d ? t('stats.duration.days', { d, h }) : h ? t('stats.duration.hours', { h, m }) : t('stats.duration.minutes', { m });
  }

  async function load() {
    showError($('st-error'), null);
    try {
      const report = await api('/api/v1/statistics?' + filter(true));
      render(report);
    } catch (e) {
      showError($('st-error'), e);
    }
  }

  function render(report) {
    const f = report.total;
    $('st-range').replaceChildren(text('span', t('stats.range', { court: report.court || t('stats.court.all'),
      from: report.from, to: report.to }) + ' '), data('span', report.zone));
    const totals = $('st-totals');
    totals.replaceChildren();
    const add = (key, value) => {
      const dd = data('dd', value);
      dd.dataset.figure = key;
      totals.append(text('dt', t(key)), dd);
    };
    add('stats.tasks', f.tasks);
    add('stats.served', f.served);
    add('stats.open', f.open);
    add('stats.cancelled', f.cancelled);
    add('stats.successRate', percent(f.successRate));
    add('stats.submissionToServed', t('stats.spread', { median: duration(f.submissionToServed.medianSeconds),
      p90: duration(f.submissionToServed.p90Seconds) }));
    add('stats.approvalToFirstCall', t('stats.spread', { median: duration(f.approvalToFirstCall.medianSeconds),
      p90: duration(f.approvalToFirstCall.p90Seconds) }));
    add('stats.attempts', f.attempts);
    add('stats.attemptsPerTask', f.attemptsPerTask == null ? '—' : f.attemptsPerTask.toFixed(2));

    const channels = Object.entries(f.servedBy || {});
    $('st-channels').replaceChildren(...(channels.length ? channels.map(([channel, share]) => {
      const bar = document.createElement('div');
      bar.className = 'bar';
      bar.dataset.channel = channel;
      const fill = text('span', '', 'fill');
      fill.style.width = Math.max(1, share.share * 100) + '%';
      bar.append(text('span', label('state', channel), 'name'), fill,
        data('span', share.count + ' · ' + percent(share.share), 'value'));
      return bar;
    }) : [text('p', t('stats.channels.none'), 'hint')]));

    $('st-buckets').querySelector('tbody').replaceChildren(...report.byBucket.map((b) => row(b.start, b.figures.tasks,
      b.figures.served, percent(b.figures.successRate), duration(b.figures.submissionToServed.medianSeconds))));
    drawCharts(f, channels);
  }

  /** One echarts chart per element, drawn as SVG (crisp, and its texts are in the page) in the console's font. */
  function chart(id) {
    if (!charts[id]) {
      charts[id] = window.echarts.init($(id), null, { renderer: 'svg' });
      window.addEventListener('resize', () => charts[id].resize());
    }
    return charts[id];
  }

  /** The chart's unit: hours, or minutes when every time shown is under an hour (a bar of 0.01 h shows nothing). */
  function unitFor(spreads) {
    const longest = Math.max(0, ...spreads.flatMap(([, s]) => [s.medianSeconds || 0, s.p90Seconds || 0]));
    return longest >= 3600 ? { seconds: 3600, key: 'stats.chart.hours' } : { seconds: 60, key: 'stats.chart.minutes' };
  }

  function inUnit(seconds, unit) {
    return seconds == null ? null : Math.round(seconds * 100 / unit.seconds) / 100;
  }

  function drawCharts(f, channels) {
    if (!window.echarts) return; // the figures and the table above still show everything
    const font = getComputedStyle(document.body).fontFamily;
    const empty = { text: t('stats.chart.none'), left: 'center', top: 'middle', textStyle: { color: '#889', fontSize: 14 } };
    // no animation: a reader (or a screenshot) should never see a chart half drawn
    chart('st-chart-channels').setOption({
      animation: false,
      textStyle: { fontFamily: font },
      title: channels.length ? { show: false } : empty,
      tooltip: { trigger: 'item', formatter: '{b}：{c}（{d}%）' },
      legend: { bottom: 0 },
      series: [{ type: 'pie', radius: ['35%', '65%'], label: { formatter: '{b}\n{c}' },
        data: channels.map(([channel, share]) => ({ name: label('state', channel), value: share.count })) }]
    }, true);
    const spreads = [['stats.chart.submissionToServed', f.submissionToServed],
      ['stats.chart.approvalToFirstCall', f.approvalToFirstCall]];
    const measured = spreads.some(([, spread]) => spread.medianSeconds != null);
    const unit = unitFor(spreads);
    chart('st-chart-time').setOption({
      animation: false,
      textStyle: { fontFamily: font },
      title: measured ? { show: false } : empty,
      tooltip: { trigger: 'axis' },
      legend: { bottom: 0 },
      grid: { left: 50, right: 20, top: 30, bottom: 60 },
      xAxis: { type: 'category', data: spreads.map(([key]) => t(key)) },
      yAxis: { type: 'value', name: t(unit.key) },
      series: [
        { name: t('stats.chart.median'), type: 'bar', data: spreads.map(([, s]) => inUnit(s.medianSeconds, unit)) },
        { name: t('stats.chart.p90'), type: 'bar', data: spreads.map(([, s]) => inUnit(s.p90Seconds, unit)) }]
    }, true);
  }

  async function exportCsv(button, name) {
    showError($('st-export-error'), null);
    try {
      await whileBusy(button, async () => {
        const csv = await apiBlob('/api/v1/exports/' + name + '?' + filter(false));
        if (downloadUrl) URL.revokeObjectURL(downloadUrl);
        downloadUrl = URL.createObjectURL(csv);
        const link = $('st-download');
        link.href = downloadUrl;
        link.download = name;
        link.dataset.file = name;
        link.click();
      });
    } catch (e) {
      showError($('st-export-error'), e);
    }
  }

  $('st-form').addEventListener('submit', (event) => {
    event.preventDefault();
    whileBusy($('st-search'), load);
  });
  $('st-export-tasks').addEventListener('click', () => exportCsv($('st-export-tasks'), 'tasks.csv'));
  $('st-export-attempts').addEventListener('click', () => exportCsv($('st-export-attempts'), 'attempts.csv'));

  window.Serveline.screens.statistics = { show: load };
})();
