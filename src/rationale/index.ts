export { plainReasons, questionInPlainWords, reasonInPlainWords, recordIds, type LevelName } from './plainReasons';
