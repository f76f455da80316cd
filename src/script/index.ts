export { renderCallScript, type CallScript } from './callScript';
export { registerCallScriptRoute } from './route';
