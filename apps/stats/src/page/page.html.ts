/**
 * A placeholder until the dashboard replaces it: the total and the latest trades, live from /ws.
 * Trades are written with textContent, never as HTML.
 */
export const PAGE_HTML = `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>tradeflow</title>
<style>
  body { font: 15px/1.4 system-ui, sans-serif; margin: 2rem; color: #222; }
  #total { font-size: 2.5rem; font-weight: 600; }
  #status { color: #888; }
  table { border-collapse: collapse; margin-top: 1rem; }
  td, th { padding: 0.2rem 0.8rem; text-align: left; border-bottom: 1px solid #eee; }
</style>
</head>
<body>
<h1>tradeflow</h1>
<div>trades processed: <span id="total">…</span> <span id="status">connecting</span></div>
<table>
  <thead><tr><th>received</th><th>user</th><th>pair</th><th>sold</th><th>bought</th><th>rate</th><th>country</th></tr></thead>
  <tbody id="trades"></tbody>
</table>
<script>
  const MAX_ROWS = 20;
  const total = document.getElementById('total');
  const status = document.getElementById('status');
  const rows = document.getElementById('trades');

  function show(trade) {
    const row = document.createElement('tr');
    const cells = [trade.receivedAt, trade.userId, trade.currencyFrom + '/' + trade.currencyTo,
      trade.amountSell, trade.amountBuy, trade.rate, trade.originatingCountry];
    for (const value of cells) {
      const cell = document.createElement('td');
      cell.textContent = String(value);
      row.appendChild(cell);
    }
    rows.prepend(row);
    while (rows.children.length > MAX_ROWS) rows.lastChild.remove();
  }

  function connect() {
    const socket = new WebSocket((location.protocol === 'https:' ? 'wss://' : 'ws://') + location.host + '/ws');
    socket.onopen = () => (status.textContent = 'live');
    socket.onmessage = (message) => {
      const { event, data } = JSON.parse(message.data);
      if (event === 'snapshot' || event === 'transactions') total.textContent = data.total.toLocaleString();
      if (event === 'transactions') data.items.slice(-MAX_ROWS).forEach(show);
    };
    socket.onclose = () => {
      status.textContent = 'reconnecting';
      setTimeout(connect, 1000);
    };
  }
  connect();
</script>
</body>
</html>
`;
