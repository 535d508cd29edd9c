import { builder } from './builder';
import './scalars';
import './playback';
import './speak';
import './recording';
import './recording-queries';
import './recording-mutations';
import './call-events';
import './event-subscriptions';
import './call';
import './call-lifecycle-events';
import './call-list';
import './session';

export const schema = builder.toSchema({ sortSchema: false });
