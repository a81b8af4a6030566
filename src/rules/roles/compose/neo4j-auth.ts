import { locate } from '../../compose/input.js';
import { serviceEnvironment } from '../../compose/service-env.js';
import { needRoleService, roleParams } from '../needs.js';
import { quoted, reporter } from '../report.js';
import type { RoleCheck } from '../role-check.js';

const MIN_PASSWORD = 8;
const FIX = `set NEO4J_AUTH: neo4j/<a password of ${MIN_PASSWORD} or more characters> (or none to switch authentication off)`;

export const composeNeo4jAuth: RoleCheck<{ role: string }> = {
  name: 'compose/neo4j-auth',
  docs:
    "The Neo4j service sets NEO4J_AUTH as the neo4j image reads it: neo4j/<password> with a password of 8 or more " +
    'characters (NEO4J_AUTH: neo4j/password), or none. Another user name or a shorter password stops the container at ' +
    'start; without NEO4J_AUTH the default password must be changed at the first login before the backend can connect.',
  params: roleParams({}),
  check(facts, params, ctx) {
    const found = needRoleService(facts, params.role, ctx);
    if (!('ok' in found)) return found.verdict;
    const { compose, name } = found.ok;
    const report = reporter(ctx);
    const shown = `service ${quoted(name)} (${params.role})`;
    const { values, missingFiles } = serviceEnvironment(compose, name);
    const auth = values.get('NEO4J_AUTH');
    if (!auth) {
      const absent = missingFiles.map((r) => quoted(r.written));
      const why = absent.length > 0 ? ` (its env_file ${absent.join(', ')} is not in the submission)` : '';
      return [report(locate(compose, ['services', name], true), `${shown} sets no NEO4J_AUTH${why}, so Neo4j keeps its default password, which must be changed at the first login before the backend can connect; ${FIX}`)];
    }
    if (auth.value === undefined) return [report(auth.where, `NEO4J_AUTH of ${shown} is listed without a value, so Compose takes it from the shell of whoever starts it; ${FIX}`)];
    if (auth.unsetVariables.length > 0) return [report(auth.where, `NEO4J_AUTH of ${shown} uses ${auth.unsetVariables.join(', ')}, which the .env next to the compose file does not set; ${FIX}`)];
    const value = auth.value;
    if (value === 'none') return [];
    const slash = value.indexOf('/');
    if (slash < 0) return [report(auth.where, `NEO4J_AUTH of ${shown} is not of the form neo4j/<password>, so Neo4j refuses it and stops; ${FIX}`)];
    const user = value.slice(0, slash);
    if (user !== 'neo4j') return [report(auth.where, `NEO4J_AUTH of ${shown} names the user ${quoted(user)}: the neo4j image accepts only neo4j and stops; ${FIX}`)];
    const length = [...value.slice(slash + 1)].length;
    if (length < MIN_PASSWORD) {
      return [report(auth.where, `the password in NEO4J_AUTH of ${shown} has ${length} characters: Neo4j 5 refuses one shorter than ${MIN_PASSWORD} and stops; ${FIX}`)];
    }
    return [];
  },
};
