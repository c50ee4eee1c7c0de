// The jsupervisor dashboard (docs/dashboard.md): polls the JSON API for the state of every process,
// keeps the table in place (rows are updated, not rebuilt, so a click is never lost), posts actions
// with the page's CSRF token, and follows a log like tail -f. Every text from the server goes into
// the page as text (textContent), never as markup.
'use strict';
(() => {
    const POLL_MILLIS = 1000;
    const TAIL_MILLIS = 500;
    const TAIL_KEEP = 256 * 1024;
    const token = document.querySelector('meta[name="csrf-token"]').content;
    const RUNNING_STATES = new Set(['STARTING', 'RUNNING', 'BACKOFF', 'STOPPING']);

    function el(tag, attributes, ...children) {
        const element = document.createElement(tag);
        for (const [name, value] of Object.entries(attributes || {})) {
            if (name.startsWith('on')) {
                element.addEventListener(name.slice(2), value);
            } else {
                element.setAttribute(name, value);
            }
        }
        for (const child of children) {
            element.append(child instanceof Node ? child : document.createTextNode(String(child)));
        }
        return element;
    }

    async function api(method, call, parameters) {
        const query = parameters ? '?' + new URLSearchParams(parameters) : '';
        const response = await fetch('api/' + call + query, {
            method,
            headers: method === 'POST' ? {'X-CSRF-Token': token} : {},
            credentials: 'same-origin',
            cache: 'no-store',
        });
        const body = await response.json().catch(() => ({error: response.status + ' ' + response.statusText}));
        if (!response.ok) {
            throw new Error(body.error || String(response.status));
        }
        return body;
    }

    const message = el('p', {id: 'message', role: 'status'});
    function say(text, isError) {
        message.textContent = text;
        message.className = isError ? 'error' : '';
    }

    // --- supervisor panel, reread and update ---
    const supervisor = document.getElementById('supervisor');
    const facts = {};
    for (const [key, label] of [['version', 'version'], ['pid', 'pid'], ['uptime', 'up'], ['statename', 'state']]) {
        facts[key] = el('span', {class: 'value', 'data-fact': key});
        supervisor.append(el('span', {}, label + ' ', facts[key]));
    }
    const changes = el('div', {id: 'changes', hidden: ''});
    supervisor.append(el('button', {id: 'reread', onclick: reread}, 'Reread'));

    async function reread() {
        try {
            const diff = await api('POST', 'reread');
            changes.replaceChildren();
            const none = diff.added.length + diff.changed.length + diff.removed.length === 0;
            changes.append(el('strong', {}, none ? 'The configuration has no changes.' : 'Changes in the configuration:'));
            for (const kind of ['added', 'changed', 'removed']) {
                if (diff[kind].length) {
                    changes.append(el('div', {'data-kind': kind}, kind + ': ' + diff[kind].join(', ')));
                }
            }
            if (!none) {
                changes.append(el('button', {id: 'apply-update', onclick: update}, 'Apply (update)'));
            }
            changes.append(el('button', {onclick: () => changes.setAttribute('hidden', '')}, 'Close'));
            changes.removeAttribute('hidden');
        } catch (error) {
            say('reread: ' + error.message, true);
        }
    }

    async function update() {
        try {
            const result = await api('POST', 'update');
            changes.setAttribute('hidden', '');
            say('update: ' + (result.done.length ? result.done.join('; ') : 'nothing to do'));
            refresh();
        } catch (error) {
            say('update: ' + error.message, true);
        }
    }

    // --- the process table ---
    const tbody = el('tbody', {id: 'processes'});
    const table = el('table', {},
        el('thead', {}, el('tr', {}, ...['Name', 'State', 'Description', 'CPU', 'Memory', 'Actions']
            .map(title => el('th', {}, title)))),
        tbody);
    const rows = new Map();

    function namespec(process) {
        return process.group === process.name ? process.name : process.group + ':' + process.name;
    }

    async function act(button, call, parameters, what) {
        button.disabled = true;
        say(what + '...');
        try {
            await api('POST', call, parameters);
            say(what + ': done');
        } catch (error) {
            say(what + ': ' + error.message, true);
        } finally {
            button.disabled = false;
            refresh();
        }
    }

    function groupRow(group) {
        const key = 'group ' + group;
        if (!rows.has(key)) {
            const buttons = [['start', 'Start all'], ['stop', 'Stop all'], ['restart', 'Restart all'],
                ['rolling-restart', 'Rolling restart']].map(([action, label]) => {
                const button = el('button', {'data-action': action}, label);
                button.addEventListener('click', () => act(button, 'group', {name: group, action},
                    label.toLowerCase() + ' ' + group));
                return button;
            });
            const tr = el('tr', {class: 'group', 'data-group': group},
                el('td', {colspan: '5'}, group), el('td', {}, ...buttons));
            rows.set(key, {tr});
        }
        return rows.get(key).tr;
    }

    function processRow(process) {
        const spec = process.group + ':' + process.name;
        if (!rows.has(spec)) {
            const cells = {
                state: el('span', {class: 'state'}),
                description: el('td', {class: 'description'}),
                cpu: el('td', {class: 'number cpu'}),
                memory: el('td', {class: 'number memory'}),
            };
            const buttons = {};
            for (const [action, label] of [['start', 'Start'], ['stop', 'Stop'], ['restart', 'Restart'], ['clear', 'Clear log']]) {
                buttons[action] = el('button', {'data-action': action}, label);
                buttons[action].addEventListener('click', () => act(buttons[action], 'process',
                    {name: spec, action}, label.toLowerCase() + ' ' + namespec(process)));
            }
            buttons.tail = el('button', {'data-action': 'tail', onclick: () => follow(spec, namespec(process))}, 'Tail');
            const tr = el('tr', {class: 'process', 'data-name': spec},
                el('td', {class: 'name'}, namespec(process)), el('td', {}, cells.state), cells.description,
                cells.cpu, cells.memory, el('td', {}, ...Object.values(buttons)));
            rows.set(spec, {tr, cells, buttons});
        }
        const row = rows.get(spec);
        row.cells.state.textContent = process.statename;
        row.cells.state.className = 'state state-' + process.statename;
        row.tr.dataset.state = process.statename;
        row.cells.description.textContent = process.description;
        row.cells.cpu.textContent = process.cpu == null ? '' : process.cpu.toFixed(1) + '%';
        row.cells.memory.textContent = process.rss == null ? '' : megabytes(process.rss);
        const running = RUNNING_STATES.has(process.statename);
        row.buttons.start.disabled = running;
        row.buttons.stop.disabled = !running;
        return row.tr;
    }

    function megabytes(bytes) {
        return (bytes / (1024 * 1024)).toFixed(1) + ' MB';
    }

    function duration(seconds) {
        const days = Math.floor(seconds / 86400);
        const clock = [Math.floor(seconds / 3600) % 24, Math.floor(seconds / 60) % 60, seconds % 60]
            .map((n, i) => i === 0 ? String(n) : String(n).padStart(2, '0')).join(':');
        return days ? days + (days === 1 ? ' day, ' : ' days, ') + clock : clock;
    }

    function render(state) {
        const s = state.supervisor;
        facts.version.textContent = s.version;
        facts.pid.textContent = s.pid;
        facts.statename.textContent = s.statename;
        facts.uptime.textContent = duration(Math.max(0, Math.floor(Date.now() / 1000 - s.started)));
        const seen = new Set();
        let previous = null;
        const place = node => {
            const wanted = previous ? previous.nextSibling : tbody.firstChild;
            if (node !== wanted) {
                tbody.insertBefore(node, wanted);
            }
            previous = node;
        };
        for (const process of state.processes) {
            seen.add('group ' + process.group);
            seen.add(process.group + ':' + process.name);
            place(groupRow(process.group));
            place(processRow(process));
        }
        for (const [key, row] of rows) {
            if (!seen.has(key)) {
                row.tr.remove();
                rows.delete(key);
            }
        }
    }

    let polling = null;
    async function refresh() {
        clearTimeout(polling);
        try {
            render(await api('GET', 'state'));
            if (message.className === 'error' && message.textContent.startsWith('cannot reach')) {
                say('');
            }
        } catch (error) {
            say('cannot reach the daemon: ' + error.message, true);
        }
        polling = setTimeout(refresh, POLL_MILLIS);
    }

    // --- following a log ---
    const tailTitle = el('strong', {});
    const tailText = el('pre', {id: 'tail-text'});
    const channelButtons = ['stdout', 'stderr'].map(channel =>
        el('button', {'data-channel': channel, onclick: () => follow(tailing.spec, tailing.label, channel)}, channel));
    const tail = el('section', {id: 'tail', hidden: ''},
        el('div', {class: 'bar'}, tailTitle, ...channelButtons,
            el('button', {onclick: () => { stopFollowing(); tail.setAttribute('hidden', ''); }}, 'Close')),
        tailText);
    const tailing = {spec: null, label: null, channel: 'stdout', offset: 0, timer: null, generation: 0};

    function stopFollowing() {
        clearTimeout(tailing.timer);
        tailing.generation++;
    }

    function follow(spec, label, channel) {
        stopFollowing();
        Object.assign(tailing, {spec, label, channel: channel || 'stdout', offset: 0});
        tailTitle.textContent = label + ' (' + tailing.channel + ')';
        tailText.textContent = '';
        tail.removeAttribute('hidden');
        poll(tailing.generation);
    }

    async function poll(generation) {
        try {
            const part = await api('GET', 'log', {name: tailing.spec, channel: tailing.channel, offset: tailing.offset});
            if (generation !== tailing.generation) {
                return;
            }
            tailing.offset = part.offset;
            if (part.text) {
                const atBottom = tailText.scrollTop + tailText.clientHeight >= tailText.scrollHeight - 4;
                tailText.textContent = (tailText.textContent + part.text).slice(-TAIL_KEEP);
                if (atBottom) {
                    tailText.scrollTop = tailText.scrollHeight;
                }
            }
        } catch (error) {
            if (generation !== tailing.generation) {
                return;
            }
            say('tail ' + tailing.label + ': ' + error.message, true);
        }
        tailing.timer = setTimeout(() => poll(generation), TAIL_MILLIS);
    }

    const main = document.querySelector('main');
    document.getElementById('static-status').remove();
    main.append(message, changes, table, tail);
    refresh();
})();
