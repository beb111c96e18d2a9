export { TariffsService } from './service';
export { tariffRoutes } from './routes';
export { toTariffView, toOptionView, type TariffRow, type OptionRow } from './repository';
export { MoneyDto, TariffViewDto } from './dto';
export { TariffAdminService } from './admin';
export { tariffAdminRoutes } from './admin-routes';
