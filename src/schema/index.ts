import { builder } from './builder';
import './scalars';
import './playback';
import './speak';
import './recording';
import './call';
import './events';
import './session';

export const schema = builder.toSchema({ sortSchema: false });
