// Renders /openapi/v1.json as a readable page: every call with its parameters, body, answers and errors.
(async () => {
  const el = (tag, props, ...children) => {
    const node = document.createElement(tag);
    Object.assign(node, props || {});
    for (const child of children) {
      if (child !== null && child !== undefined) node.append(child);
    }
    return node;
  };
  const response = await fetch('/openapi/v1.json');
  const doc = await response.json();
  const schemas = (doc.components && doc.components.schemas) || {};
  const refName = (ref) => ref.split('/').pop();

  const typeOf = (schema) => {
    if (!schema) return '';
    if (schema.$ref) return refName(schema.$ref);
    if (schema.oneOf || schema.anyOf) return (schema.oneOf || schema.anyOf).map(typeOf).join(' | ');
    const type = Array.isArray(schema.type) ? schema.type.join(' | ') : (schema.type || 'object');
    if (schema.type === 'array' || (Array.isArray(schema.type) && schema.type.includes('array'))) return `${typeOf(schema.items)}[]`;
    if (schema.additionalProperties && typeof schema.additionalProperties === 'object') return `map of ${typeOf(schema.additionalProperties)}`;
    return schema.format ? `${type} (${schema.format})` : type;
  };
  const link = (schema) => {
    const name = typeOf(schema);
    const target = schema && (schema.$ref || (schema.items && schema.items.$ref));
    return target ? el('a', { href: `#schema-${refName(target)}`, className: 'type', textContent: name }) : el('span', { className: 'type', textContent: name });
  };
  const contentRows = (content) => Object.entries(content || {}).map(([type, media]) =>
    el('div', {}, el('code', { textContent: type }), ' ', media.schema ? link(media.schema) : ''));

  const operations = document.getElementById('operations');
  operations.replaceChildren();
  if (doc.info) {
    document.getElementById('title').textContent = doc.info.title || 'Sessions API';
    document.getElementById('description').textContent = doc.info.description || '';
  }
  const tags = new Set();
  for (const [path, item] of Object.entries(doc.paths || {})) {
    for (const [method, op] of Object.entries(item)) {
      if (!['get', 'post', 'put', 'patch', 'delete'].includes(method)) continue;
      (op.tags || []).forEach((t) => tags.add(t));
      const params = [...(item.parameters || []), ...(op.parameters || [])];
      const body = el('div', {});
      if (params.length) {
        body.append(el('h3', { textContent: 'Parameters' }), el('table', {},
          el('tr', {}, el('th', { textContent: 'name' }), el('th', { textContent: 'in' }), el('th', { textContent: 'type' }), el('th', { textContent: 'required' })),
          ...params.map((p) => el('tr', {}, el('td', {}, el('code', { textContent: p.name })), el('td', { textContent: p.in }),
            el('td', {}, link(p.schema)), el('td', { textContent: p.required ? 'yes' : 'no' })))));
      }
      if (op.requestBody) {
        body.append(el('h3', { textContent: 'Request body' }), ...contentRows(op.requestBody.content));
      }
      body.append(el('h3', { textContent: 'Responses' }), el('table', {},
        ...Object.entries(op.responses || {}).map(([status, r]) => el('tr', { className: status >= '400' ? 'problem' : '' },
          el('td', { textContent: status }), el('td', { textContent: r.description || '' }), el('td', {}, ...contentRows(r.content))))));
      operations.append(el('details', { className: 'op', id: op.operationId || '' },
        el('summary', {}, el('span', { className: `method ${method}`, textContent: method.toUpperCase() }),
          el('span', { className: 'path', textContent: path }), el('span', { className: 'summary', textContent: op.summary || '' })),
        body));
    }
  }
  document.getElementById('tags').replaceChildren(...[...tags].map((t) => el('span', { textContent: `${t} ` })));

  const schemaList = document.getElementById('schemas');
  for (const [name, schema] of Object.entries(schemas).sort(([a], [b]) => a.localeCompare(b))) {
    const required = new Set(schema.required || []);
    schemaList.append(el('section', { id: `schema-${name}` }, el('h3', {}, el('code', { textContent: name })),
      schema.properties
        ? el('table', {}, ...Object.entries(schema.properties).map(([prop, s]) =>
          el('tr', {}, el('td', {}, el('code', { textContent: prop })), el('td', {}, link(s)), el('td', { textContent: required.has(prop) ? 'required' : '' }))))
        : el('p', { className: 'type', textContent: typeOf(schema) })));
  }
  // The first call is open, so the page shows a whole call at a glance.
  const first = operations.querySelector('details');
  if (first) first.open = true;
})();
